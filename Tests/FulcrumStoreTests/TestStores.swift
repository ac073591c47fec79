import Foundation
import FulcrumPostgresStore
import FulcrumSQLiteStore
import FulcrumStore
import Testing

/// The backends every store test runs against. PostgreSQL comes from `FULCRUM_TEST_POSTGRES_URL`
/// (`scripts/postgres.sh` starts one; `.ci/run` always does): without it the PostgreSQL cases are
/// left out on a developer's machine, and fail in CI, where they must never be silently skipped.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["FULCRUM_TEST_POSTGRES_URL"]
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let available: [Backend] = postgresURL != nil || inCI ? [.sqlite, .postgres] : [.sqlite]

    var testDescription: String { rawValue }
}

struct MissingPostgres: Error, CustomStringConvertible {
    var description: String { "FULCRUM_TEST_POSTGRES_URL is not set: start PostgreSQL with scripts/postgres.sh (CI must test both backends)" }
}

/// A fresh, empty store of the backend: a new SQLite file, or a new PostgreSQL database.
func makeStore(_ backend: Backend) async throws -> any ResultStore {
    switch backend {
    case .sqlite:
        return try SQLiteResultStore(path: temporaryStorePath())
    case .postgres:
        return try await PostgresResultStore.open(try await scratchPostgresURL())
    }
}

func scratchPostgresURL() async throws -> PostgresURL {
    guard let url = try await PostgresResultStore.scratchDatabaseForTests() else { throw MissingPostgres() }
    return url
}

/// A fresh database file in its own temporary folder (nested, to check folders are created).
func temporaryStorePath() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-store-\(UUID().uuidString)")
    return dir.appendingPathComponent("nested/fulcrum.sqlite").path
}

func sampleRun(_ id: String = RunRecord.newID(), fingerprint: String = "fp", suiteJSON: String? = nil) -> RunRecord {
    RunRecord(id: id, suiteName: "starter", suiteHash: "h", configJSON: "{}", fingerprint: fingerprint, suiteJSON: suiteJSON)
}

let keys = [
    PlanKey(itemID: "a", modelSpec: "m1", language: "en"),
    PlanKey(itemID: "a", modelSpec: "m2", language: "en"),
    PlanKey(itemID: "b", modelSpec: "m1", language: "zh", sampleIndex: 1),
]
