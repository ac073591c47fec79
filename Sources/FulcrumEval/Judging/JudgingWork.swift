import FulcrumCore
import FulcrumStore

/// Judgments a worker makes when no plan row is waiting: runs that `fulcrum judge --detach` queued.
public struct JudgingWork: Sendable {
    /// The judge and what it is shown for a claimed judgment; throws when this worker cannot build
    /// the judge (then the judgment is stored as failed with the reason, not retried in a loop).
    public var prepare: @Sendable (JudgmentClaim) async throws -> (request: JudgeRequest, input: JudgeInput, slot: JudgingRun.Slot)
    public var executor: JudgmentExecutor

    public init(executor: JudgmentExecutor,
                prepare: @escaping @Sendable (JudgmentClaim) async throws -> (request: JudgeRequest, input: JudgeInput, slot: JudgingRun.Slot)) {
        self.executor = executor
        self.prepare = prepare
    }

    func execute(_ claim: JudgmentClaim, store: any ResultStore) async throws {
        let prepared: (request: JudgeRequest, input: JudgeInput, slot: JudgingRun.Slot)
        do {
            prepared = try await prepare(claim)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            guard let request = try await store.judgeRequest(id: claim.requestID) else { return }
            let failed = Judgment(score: nil, reason: "configuration", rawReply: String(describing: error), parseStatus: .failed)
            try await store.record(JudgmentRecord(generationID: claim.generationID, judge: request.judge,
                                                  repeatIndex: claim.repeatIndex, judgment: failed, settingsJSON: "{}"))
            return
        }
        _ = try await executor.judge(prepared.input, generationID: claim.generationID, repeatIndex: claim.repeatIndex, slot: prepared.slot)
    }
}
