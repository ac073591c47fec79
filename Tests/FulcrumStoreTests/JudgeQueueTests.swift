import Foundation
import FulcrumCore
import FulcrumStore
import Testing

/// The judging queue, against every backend.
@Suite struct JudgeQueueTests {
    func answeredRun(_ store: any ResultStore) async throws -> (RunRecord, [PlanRowRecord]) {
        let run = sampleRun(suiteJSON: "{}")
        let rows = try await store.createRun(run, plan: keys)
        for row in rows.prefix(2) {
            try await store.record(GenerationRecord(planRowID: row.id!, requestHash: nil, messagesJSON: "[]", responseText: "ok", attempts: 1))
        }
        try await store.record(GenerationRecord(planRowID: rows[2].id!, requestHash: nil, messagesJSON: "[]", attempts: 1,
                                                errorCause: "timeout", errorMessage: "timed out"))
        return (run, rows)
    }

    func judgment(_ claim: JudgmentClaim, _ judge: String, status: JudgmentParseStatus = .parsed) -> JudgmentRecord {
        JudgmentRecord(generationID: claim.generationID, judge: judge, repeatIndex: claim.repeatIndex,
                       judgment: Judgment(score: status == .failed ? nil : 8, rawReply: "8", parseStatus: status), settingsJSON: "{}")
    }

    @Test(arguments: Backend.available) func judgmentsAreLeasedOnceAndMadeOnce(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let (run, _) = try await answeredRun(store)
        await #expect(throws: StoreError.unknownRun("nope")) {
            try await store.requestJudging(JudgeRequest(runID: "nope", judge: "native", recipeJSON: "{}", repeats: 1))
        }
        let request = try await store.requestJudging(JudgeRequest(runID: run.id, judge: "native", recipeJSON: #"{"spec":"native"}"#, repeats: 2))
        #expect(request.id != nil && request.repeats == 2)
        #expect(try await store.judgeRequest(id: request.id!)?.recipeJSON == #"{"spec":"native"}"#)
        // Two answered generations × two repeats; the failed generation is not judged.
        #expect(try await store.openJudgments(runID: run.id) == 4)
        let a = try await store.claimJudgments(worker: "a", limit: 3, lease: .seconds(1))
        let b = try await store.claimJudgments(worker: "b", limit: 3, lease: .seconds(30))
        #expect(a.count == 3 && b.count == 1)
        #expect(Set(a + b).count == 4 && (a + b).allSatisfy { $0.requestID == request.id })
        #expect(try await store.claimJudgments(worker: "c", limit: 3, lease: .seconds(30)).isEmpty)
        // b makes its judgment; a stops renewing, and c takes a's three after the lease.
        #expect(try await store.record(judgment(b[0], "native")))
        try await Task.sleep(for: .milliseconds(1500))
        let c = try await store.claimJudgments(worker: "c", limit: 5, lease: .seconds(30))
        #expect(Set(c) == Set(a))
        for claim in c { try await store.record(judgment(claim, "native")) }
        #expect(try await store.openJudgments(runID: run.id) == 0)
        #expect(try await store.claimJudgments(worker: "c", limit: 5, lease: .seconds(30)).isEmpty)
        #expect(try await store.judgments(runID: run.id).count == 4)
    }

    @Test(arguments: Backend.available) func failedJudgmentsWaitForTheNextRequest(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let (run, _) = try await answeredRun(store)
        try await store.requestJudging(JudgeRequest(runID: run.id, judge: "rubric:m", recipeJSON: "{}", repeats: 1))
        let claims = try await store.claimJudgments(worker: "a", limit: 5, lease: .seconds(30))
        #expect(claims.count == 2)
        try await store.record(judgment(claims[0], "rubric:m", status: .failed))
        try await store.record(judgment(claims[1], "rubric:m"))
        // The failure is final for this request…
        #expect(try await store.openJudgments(runID: run.id) == 0)
        // …and asked again by the next one, which also adds a repeat.
        try await Task.sleep(for: .milliseconds(20))
        try await store.requestJudging(JudgeRequest(runID: run.id, judge: "rubric:m", recipeJSON: "{}", repeats: 2))
        #expect(try await store.openJudgments(runID: run.id) == 3)
        let again = try await store.claimJudgments(worker: "b", limit: 5, lease: .seconds(30))
        #expect(again.count == 3 && again.contains(claims[0]))
        // A released worker's judgments go back at once.
        try await store.releaseLeases(worker: "b")
        #expect(try await store.claimJudgments(worker: "c", limit: 5, lease: .seconds(30)).count == 3)
        await #expect(throws: StoreError.self) {
            try await store.requestJudging(JudgeRequest(runID: run.id, judge: "x", recipeJSON: "{}", repeats: 0))
        }
    }
}
