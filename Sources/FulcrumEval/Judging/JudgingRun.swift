import Foundation
import FulcrumCore
import FulcrumStore
import Logging

/// Judges a run's stored answers with one or more judges (and repeats), storing each judgment as it
/// arrives. Only what is missing is judged, so it can be re-run, extended with another judge or more
/// repeats, or resumed after a kill without regenerating or duplicating anything.
///
/// ```swift
/// let summary = try await JudgingRun(store: store, runID: id, judges: [.init(judge: native)]).execute(suite: suite)
/// ```
public struct JudgingRun: Sendable {
    public struct Slot: Sendable {
        public var judge: any Judge
        /// Recorded with every judgment (model, temperature, max tokens, template version).
        public var settingsJSON: String

        public init(judge: any Judge, settingsJSON: String = "{}") {
            self.judge = judge
            self.settingsJSON = settingsJSON
        }
    }

    public struct Summary: Sendable, Hashable {
        public var alreadyJudged = 0
        public var judged = 0
        /// Judgments stored with no score (unparseable or out-of-range replies).
        public var notApplicable = 0
        /// Judge calls that failed after retries, by cause; stored as `failed` and retried next time.
        public var failures: [String: Int] = [:]
    }

    public var store: any ResultStore
    public var runID: String
    public var judges: [Slot]
    public var repeats: Int
    public var concurrency: Int
    public var retries: Int
    public var timeoutSeconds: Double
    public var backoff: Backoff
    public var logger: Logger

    public init(store: any ResultStore, runID: String, judges: [Slot], repeats: Int = 1, concurrency: Int = 4, retries: Int = 3,
                timeoutSeconds: Double = 120, backoff: Backoff = Backoff(), logger: Logger = Logger(label: "fulcrum.judge")) {
        self.store = store
        self.runID = runID
        self.judges = judges
        self.repeats = max(1, repeats)
        self.concurrency = max(1, concurrency)
        self.retries = retries
        self.timeoutSeconds = timeoutSeconds
        self.backoff = backoff
        self.logger = logger
    }

    struct Task: Sendable {
        var generationID: Int64
        var slot: Int
        var repeatIndex: Int
        var input: JudgeInput
    }

    public func execute(suite: Suite?) async throws -> Summary {
        guard try await store.run(id: runID) != nil else { throw StoreError.unknownRun(runID) }
        let done = Set(try await store.judgments(runID: runID).filter { $0.parseStatus != .failed }
            .map { "\($0.generationID)#\($0.judge)#\($0.repeatIndex)" })
        let items = Dictionary((suite?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var summary = Summary()
        var tasks: [Task] = []
        for result in try await store.results(runID: runID) {
            guard let generation = result.generation, generation.succeeded, let id = generation.id else { continue }
            let input = JudgeInputs.make(row: result.row, generation: generation, item: items[result.row.itemID])
            for (index, slot) in judges.enumerated() {
                for r in 0..<repeats {
                    if done.contains("\(id)#\(slot.judge.identifier)#\(r)") { summary.alreadyJudged += 1; continue }
                    tasks.append(Task(generationID: id, slot: index, repeatIndex: r, input: input))
                }
            }
        }
        let outcomes = try await withThrowingTaskGroup(of: Judgment.self) { group in
            var outcomes: [Judgment] = []
            var next = tasks.makeIterator()
            for _ in 0..<concurrency { if let task = next.next() { group.addTask { try await self.judge(task) } } }
            while let judgment = try await group.next() {
                outcomes.append(judgment)
                if let task = next.next() { group.addTask { try await self.judge(task) } }
            }
            return outcomes
        }
        for judgment in outcomes {
            if judgment.parseStatus == .failed {
                summary.failures[judgment.reason ?? "failed", default: 0] += 1
            } else {
                summary.judged += 1
                if judgment.score == nil { summary.notApplicable += 1 }
            }
        }
        return summary
    }

    func judge(_ task: Task) async throws -> Judgment {
        try await JudgmentExecutor(store: store, retries: retries, timeoutSeconds: timeoutSeconds, backoff: backoff, logger: logger)
            .judge(task.input, generationID: task.generationID, repeatIndex: task.repeatIndex, slot: judges[task.slot])
    }
}
