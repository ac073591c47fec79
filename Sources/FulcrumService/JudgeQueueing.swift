import FulcrumEval
import FulcrumStore

/// `fulcrum judge RUN --detach`: queues a run's judging for workers instead of judging here.
public enum JudgeQueueing {
    public struct Queued: Sendable {
        public var requests: [JudgeRequest]
        /// Judgments still to make for this run, over all its requests.
        public var open: Int
    }

    /// Stores one request per judge spec (replacing an earlier one for the same judge: more repeats,
    /// and failed judgments tried again). Each judge is built here once, to check the spec and learn
    /// the identifier its judgments are stored under.
    public static func queue(runID: String, specs: [String], repeats: Int, factory: JudgeFactory,
                             store: any ResultStore) async throws -> Queued {
        guard try await store.run(id: runID) != nil else { throw StoreError.unknownRun(runID) }
        var requests: [JudgeRequest] = []
        for spec in specs {
            let slot = try factory.make(spec)
            let recipe = JudgeRecipe(spec: spec, factory: factory)
            requests.append(try await store.requestJudging(JudgeRequest(runID: runID, judge: slot.judge.identifier,
                                                                        recipeJSON: recipe.json, repeats: repeats)))
        }
        return Queued(requests: requests, open: try await store.openJudgments(runID: runID))
    }
}
