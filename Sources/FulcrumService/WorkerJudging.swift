import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumProviders
import FulcrumStore
import FulcrumValues

/// What a worker needs to make queued judgments: each request's judge, built once from its recipe,
/// and each run's answers and items, read once.
actor WorkerJudging {
    let store: any ResultStore
    let models: ModelFactory
    private var slots: [Int64: (request: JudgeRequest, slot: JudgingRun.Slot)] = [:]
    private var answers: [String: [Int64: RunResult]] = [:]
    private var items: [String: [String: SuiteItem]] = [:]

    init(store: any ResultStore, models: ModelFactory) {
        self.store = store
        self.models = models
    }

    func prepare(_ claim: JudgmentClaim) async throws -> (request: JudgeRequest, input: JudgeInput, slot: JudgingRun.Slot) {
        let (request, slot) = try await slot(for: claim.requestID)
        let runID = request.runID
        if answers[runID]?[claim.generationID] == nil {
            // A run's answers are read again when one appears that was not there at the first read.
            let results = try await store.results(runID: runID)
            answers[runID] = Dictionary(results.compactMap { r in r.generation?.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        }
        if items[runID] == nil {
            let suiteJSON = try await store.run(id: runID)?.suiteJSON
            let suite = try suiteJSON.map { try StoredSuite.decode($0).suite }
            items[runID] = Dictionary((suite?.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        guard let result = answers[runID]?[claim.generationID], let generation = result.generation else {
            throw StoreError.invalidRequest("answer \(claim.generationID) of run \(runID) is not in the database")
        }
        let input = JudgeInputs.make(row: result.row, generation: generation, item: items[runID]?[result.row.itemID])
        return (request, input, slot)
    }

    private func slot(for requestID: Int64) async throws -> (JudgeRequest, JudgingRun.Slot) {
        if let known = slots[requestID] { return known }
        guard let request = try await store.judgeRequest(id: requestID) else {
            throw StoreError.invalidRequest("judge request \(requestID) is not in the database")
        }
        let recipe = try JudgeRecipe.decode(request.recipeJSON)
        let models = models
        let factory = recipe.factory(makeModel: { try models.makeModel($0) }, makeNative: { try NativeSafetyJudge.builtIn() })
        let slot = try factory.make(recipe.spec)
        slots[requestID] = (request, slot)
        return (request, slot)
    }
}
