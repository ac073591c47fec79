import Foundation
import FulcrumSQLiteStore
import FulcrumStore
import GRDB
import Testing

/// The store's rules, run unchanged against every backend.
@Suite struct ResultStoreTests {
    @Test(arguments: Backend.available) func planRowsAreUniqueAndExtendingIsIdempotent(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let run = sampleRun()
        let rows = try await store.createRun(run, plan: keys + [keys[0]])
        #expect(rows.count == 3)
        let again = try await store.extendPlan(runID: run.id, plan: keys + [PlanKey(itemID: "c", modelSpec: "m1", language: "en")])
        #expect(again.count == 4)
        #expect(Set(again.prefix(3).map { $0.id }) == Set(rows.map { $0.id }))
        await #expect(throws: StoreError.unknownRun("nope")) { _ = try await store.extendPlan(runID: "nope", plan: keys) }
    }

    @Test(arguments: Backend.available) func successIsNeverOverwrittenAndFailureIsReplaced(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let run = sampleRun()
        let rows = try await store.createRun(run, plan: keys)
        let failed = GenerationRecord(planRowID: rows[0].id!, requestHash: "x", messagesJSON: "[]", attempts: 3,
                                      errorCause: "timeout", errorMessage: "request timed out")
        #expect(try await store.record(failed))
        #expect(try await store.pendingRows(runID: run.id).count == 3)
        let answer = GenerationRecord(planRowID: rows[0].id!, requestHash: "x", messagesJSON: "[]", responseText: "first",
                                      inputTokens: 3, outputTokens: 5, attempts: 1)
        #expect(try await store.record(answer))
        var second = answer
        second.responseText = "second"
        #expect(try await store.record(second) == false)
        let stored = try await store.generations(runID: run.id)
        #expect(stored.count == 1)
        #expect(stored[0].responseText == "first")
        #expect(stored[0].errorCause == nil)
        #expect(try await store.pendingRows(runID: run.id).map(\.id) == [rows[1].id, rows[2].id])
        #expect(try await store.cachedAnswer(requestHash: "x")?.responseText == "first")
        #expect(try await store.cachedAnswer(requestHash: "y") == nil)

        let tally = try await store.tally(runID: run.id)
        #expect(tally.rows == 3 && tally.answered == 1 && tally.failed == 0 && tally.pending == 2)
        #expect(tally.inputTokens == 3 && tally.outputTokens == 5)
    }

    @Test(arguments: Backend.available) func failedAnswersAreNotCacheHits(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let rows = try await store.createRun(sampleRun(), plan: keys)
        try await store.record(GenerationRecord(planRowID: rows[1].id!, requestHash: "z", messagesJSON: "[]", attempts: 1,
                                                errorCause: "server-error", errorMessage: "HTTP 500"))
        #expect(try await store.cachedAnswer(requestHash: "z") == nil)
        let tally = try await store.tally(runID: rows[1].runID)
        #expect(tally.failuresByCause == ["server-error": 1])
    }

    @Test(arguments: Backend.available) func importIsAllOrNothing(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let run = RunRecord(name: "vendor", suiteName: "starter", suiteHash: "h", configJSON: "{}", fingerprint: "i", status: .imported)
        let g = GenerationRecord(planRowID: 0, requestHash: nil, messagesJSON: "[]", responseText: "ok", origin: .import)
        try await store.importAnswers(run: run, answers: [(keys[0], g)])
        // keys[1] is new but keys[0] is answered already: the whole batch is refused.
        await #expect(throws: StoreError.alreadyAnswered(runID: run.id, key: keys[0])) {
            try await store.importAnswers(run: run, answers: [(keys[1], g), (keys[0], g)])
        }
        #expect(try await store.planRows(runID: run.id).count == 1)
        #expect(try await store.run(named: "vendor")?.id == run.id)
    }

    @Test(arguments: Backend.available) func unfinishedRunIsFoundByFingerprint(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let run = sampleRun(fingerprint: "same")
        _ = try await store.createRun(run, plan: keys)
        #expect(try await store.unfinishedRun(fingerprint: "same")?.id == run.id)
        try await store.setStatus(runID: run.id, .completed)
        #expect(try await store.unfinishedRun(fingerprint: "same") == nil)
        #expect(try await store.runs().map(\.id) == [run.id])
    }
}

/// What only the SQLite file has: WAL mode, its migrations, and refusing a file that is not SQLite.
@Suite struct SQLiteFileTests {
    @Test func opensInWALModeAndMigrates() async throws {
        let store = try SQLiteResultStore(path: temporaryStorePath())
        #expect(FileManager.default.fileExists(atPath: store.path))
        let mode = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let applied = try await store.pool.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
        #expect(applied.first == "v1-runs-plan-generations")
        #expect(applied == SQLiteSchema.migrator.migrations)
        // Reopening an existing file applies nothing twice.
        _ = try SQLiteResultStore(path: store.path)
    }

    @Test func unopenableFileIsAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bogus = dir.appendingPathComponent("not-a-db.sqlite")
        try Data("this is not sqlite, just text long enough to be read as a header".utf8).write(to: bogus)
        #expect(throws: StoreError.self) { _ = try SQLiteResultStore(path: bogus.path) }
    }
}
