import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumProviders
import FulcrumStore

/// What a worker knows of the runs it serves: each run's configuration and suite, read once from
/// the store, and one client and one fleet-wide gate per model, shared by every run that uses it.
actor WorkerContexts {
    let store: any ResultStore
    let factory: ModelFactory
    let baseURL: String?
    let options: RunnerOptions
    let worker: WorkerIdentity
    private var contexts: [String: RunContext] = [:]
    private var models: [String: any ChatModel] = [:]
    private var gates: [String: any ModelGate] = [:]

    init(store: any ResultStore, factory: ModelFactory, baseURL: String?, options: RunnerOptions, worker: WorkerIdentity) {
        self.store = store
        self.factory = factory
        self.baseURL = baseURL
        self.options = options
        self.worker = worker
    }

    func context(runID: String) async throws -> RunContext {
        if let known = contexts[runID] { return known }
        guard let run = try await store.run(id: runID) else { throw StoreError.unknownRun(runID) }
        let configuration = try JSONDecoder().decode(RunConfiguration.self, from: Data(run.configJSON.utf8))
        guard let suiteJSON = run.suiteJSON else { throw WorkerError.runWithoutSuite(runID) }
        let suite = try StoredSuite.decode(suiteJSON).suite
        var runModels: [String: any ChatModel] = [:]
        var runGates: [String: any ModelGate] = [:]
        for spec in configuration.models {
            if models[spec] == nil {
                // A model this worker cannot make (no key here, say) is left out: its rows fail with
                // cause `configuration`, visible in `runs show`, rather than stopping the worker.
                models[spec] = try? factory.makeModel(spec, baseURL: baseURL ?? configuration.baseURL)
                var perModel = options
                perModel.perModelConcurrency = configuration.perModelConcurrency
                gates[spec] = perModel.gates(for: [spec], store: store, worker: worker)[spec]
            }
            runModels[spec] = models[spec]
            runGates[spec] = gates[spec]
        }
        let context = RunContext(suite: suite, settings: configuration.settings, models: runModels, gates: runGates)
        contexts[runID] = context
        return context
    }
}

/// Why a worker could not serve a run.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    case runWithoutSuite(String)

    public var description: String {
        switch self {
        case .runWithoutSuite(let id): "run \(id) was planned without its suite (before workers existed), so a worker cannot build its prompts; resume it where its suite file is"
        }
    }
}
