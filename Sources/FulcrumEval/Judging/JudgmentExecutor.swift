import Foundation
import FulcrumCore
import FulcrumStore
import Logging

/// Makes one judgment: calls the judge with retries on transient errors and stores the outcome
/// (a failed call as `failed`, to be tried again) before returning it. Shared by `JudgingRun` and
/// workers judging a queued run.
public struct JudgmentExecutor: Sendable {
    public var store: any ResultStore
    public var retries: Int
    public var timeoutSeconds: Double
    public var backoff: Backoff
    public var logger: Logger

    public init(store: any ResultStore, retries: Int = 3, timeoutSeconds: Double = 120, backoff: Backoff = Backoff(),
                logger: Logger = Logger(label: "fulcrum.judge")) {
        self.store = store
        self.retries = retries
        self.timeoutSeconds = timeoutSeconds
        self.backoff = backoff
        self.logger = logger
    }

    public func judge(_ input: JudgeInput, generationID: Int64, repeatIndex: Int, slot: JudgingRun.Slot) async throws -> Judgment {
        var attempt = 0
        var judgment: Judgment
        while true {
            do {
                judgment = try await withDeadline(seconds: timeoutSeconds) { try await slot.judge.judge(input) }
                break
            } catch let error as ChatError where error.isRetryable && attempt < retries {
                try await Task.sleep(for: .milliseconds(Int64(backoff.delay(afterAttempt: attempt, error: error) * 1000)))
                attempt += 1
            } catch let error as ChatError {
                judgment = Judgment(score: nil, reason: error.cause, rawReply: error.description, parseStatus: .failed)
                break
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                judgment = Judgment(score: nil, reason: "unexpected", rawReply: String(describing: error), parseStatus: .failed)
                break
            }
        }
        if judgment.parseStatus == .failed {
            logger.warning("judge call failed", metadata: ["judge": "\(slot.judge.identifier)", "item": "\(input.itemID)", "cause": "\(judgment.reason ?? "")"])
        }
        try await store.record(JudgmentRecord(generationID: generationID, judge: slot.judge.identifier,
                                              repeatIndex: repeatIndex, judgment: judgment, settingsJSON: slot.settingsJSON))
        return judgment
    }
}
