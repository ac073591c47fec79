import Foundation
import FulcrumCore
import FulcrumService
import FulcrumStore
import Testing

/// Judge calibrations round-trip through every backend, and the newest per judge is the one used.
@Suite struct CalibrationStoreTests {
    static func record(judge: String, created: Date, method: String) -> JudgeCalibrationRecord {
        let outcomes = [
            CalibrationOutcome(language: "en", category: "integrity.bias-discrimination", harmful: true, judgedUnsafe: true),
            CalibrationOutcome(language: "en", category: "integrity.bias-discrimination", harmful: false, judgedUnsafe: false),
            CalibrationOutcome(language: "zh", category: nil, harmful: true, judgedUnsafe: false),
            CalibrationOutcome(language: "zh", category: nil, harmful: false, judgedUnsafe: nil),
        ]
        return JudgeCalibrationRecord.measure(judge: judge, method: method, data: ["a.csv", "b.jsonl"], unsafeThreshold: 6,
                                              outcomes: outcomes, created: created)
    }

    @Test(arguments: Backend.available) func calibrationsRoundTripAndTheNewestWins(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        #expect(try await store.latestCalibration(judge: "native-safety@2") == nil)
        #expect(try await store.calibrations().isEmpty)
        let older = Self.record(judge: "native-safety@2", created: Date(timeIntervalSince1970: 1_764_000_000), method: "labelled data")
        let newer = Self.record(judge: "native-safety@2", created: Date(timeIntervalSince1970: 1_764_100_000), method: "cross-source folds")
        let other = Self.record(judge: "rubric:local/gemma-3-270m", created: Date(timeIntervalSince1970: 1_764_050_000), method: "labelled data")
        try await store.saveCalibration(newer)
        try await store.saveCalibration(older)
        try await store.saveCalibration(other)
        let latest = try #require(try await store.latestCalibration(judge: "native-safety@2"))
        #expect(latest == newer, "the newest by created date, not the last saved")
        #expect(latest.overall.counts == JudgeCalibration(truePositives: 1, positives: 2, trueNegatives: 1, negatives: 1))
        #expect(latest.overall.notApplicable == 1)
        #expect(latest.data == ["a.csv", "b.jsonl"])
        #expect(try await store.latestCalibration(judge: "rubric:local/gemma-3-270m") == other)
        #expect(try await store.calibrations() == [newer, other, older])
        // A judge name is bound, never spliced into SQL.
        #expect(try await store.latestCalibration(judge: "x' OR '1'='1") == nil)
    }

    @Test(arguments: Backend.available) func databaseCopyCarriesCalibrationsOnce(_ backend: Backend) async throws {
        let source = try await makeStore(.sqlite), target = try await makeStore(backend)
        defer { Task { try? await source.close(); try? await target.close() } }
        let record = Self.record(judge: "native-safety@2", created: Date(timeIntervalSince1970: 1_764_000_000), method: "labelled data")
        try await source.saveCalibration(record)
        let first = try await DatabaseCopy.copy(from: source, to: target)
        #expect(first.calibrations == 1 && !first.changedNothing)
        #expect(try await target.latestCalibration(judge: "native-safety@2") == record)
        let again = try await DatabaseCopy.copy(from: source, to: target)
        #expect(again.calibrations == 0 && again.changedNothing, "idempotent")
    }
}
