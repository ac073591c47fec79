import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumProviders
import FulcrumStore
import FulcrumSuites

/// What a user asks for when starting or resuming a run.
public struct RunRequest: Sendable {
    public var configuration: RunConfiguration
    /// The base URL as given, credentials and all: used to make model clients, never stored (the
    /// configuration holds the redacted form).
    public var rawBaseURL: String?
    /// Continue this run instead of planning a new one (its stored configuration decides what is asked).
    public var resumeRunID: String?

    public init(configuration: RunConfiguration, rawBaseURL: String? = nil, resumeRunID: String? = nil) {
        self.configuration = configuration
        self.rawBaseURL = rawBaseURL
        self.resumeRunID = resumeRunID
    }
}

/// A run request with its defaults filled in and checked, ready to plan.
public struct CompletedRunRequest: Sendable {
    public var request: RunRequest
    /// The model chosen because none was named (the local model), for front ends to say so.
    public var defaultedModel: String?
}

/// What a dry run shows: the suite and the calls a run would make, before cache and resume.
public struct RunPreview: Sendable {
    public var suite: Suite
    public var plan: RunPlan
}

/// Plans, starts and resumes runs: the operation behind `fulcrum run` and any other front end that
/// starts one. Model clients are made here, from the environment's API keys, for the models the
/// run still has rows for.
public struct RunService: Sendable {
    public var store: any ResultStore
    /// Where API keys come from.
    public var environment: [String: String]
    public var loadSuite: @Sendable (String) throws -> Suite
    /// Retry pacing (tests shorten it).
    public var backoff: Backoff

    public init(store: any ResultStore, environment: [String: String] = ProcessInfo.processInfo.environment,
                loadSuite: @escaping @Sendable (String) throws -> Suite = { try SuiteCatalog.load($0) }, backoff: Backoff = Backoff()) {
        self.store = store
        self.environment = environment
        self.loadSuite = loadSuite
        self.backoff = backoff
    }

    /// Fills in the default model when none is named on a new run (the local model, only when no
    /// API key is set), validates the settings and parses every model spec.
    public static func complete(_ request: RunRequest, environment: [String: String]) throws -> CompletedRunRequest {
        var request = request
        var defaulted: String?
        if request.configuration.models.isEmpty && request.resumeRunID == nil, let local = DefaultModel.spec(environment: environment) {
            request.configuration.models = [local]
            defaulted = local
        }
        if request.resumeRunID == nil { try request.configuration.validate() }
        for spec in request.configuration.models { _ = try ModelSpec(parsing: spec) }
        return CompletedRunRequest(request: request, defaultedModel: defaulted)
    }

    /// The plan of a run, without calling or storing anything.
    public static func preview(_ configuration: RunConfiguration,
                               loadSuite: (String) throws -> Suite = { try SuiteCatalog.load($0) }) throws -> RunPreview {
        let suite = try loadSuite(configuration.suite)
        return RunPreview(suite: suite, plan: try RunPlan.make(suite: suite, configuration: configuration))
    }

    /// Stores the run and its plan (or finds the run to resume) without executing anything: workers
    /// serving the store execute it (`--detach`).
    public func plan(_ request: RunRequest) async throws -> PreparedRun {
        try await PreparedRun.prepare(configuration: request.configuration, store: store, resumeRunID: request.resumeRunID,
                                      loadSuite: loadSuite)
    }

    /// Plans (or resumes) the run and executes its missing rows in this process, showing progress with
    /// `display`; `prepared` is told the plan before the first call. Returns what this invocation did.
    public func start(_ request: RunRequest, display: ProgressDisplay = ProgressDisplay(mode: .silent),
                      prepared announce: (PreparedRun) -> Void = { _ in }) async throws -> RunSummary {
        let prepared = try await plan(request)
        announce(prepared)
        let specs = Set(prepared.pending.map(\.modelSpec)).sorted()
        let progress = RunProgress(total: prepared.pending.count)
        let c = prepared.configuration
        // On a shared database other processes may serve the same run: hold the limits there.
        var fleet = false
        if case .postgres = store.location { fleet = true }
        let options = RunnerOptions(c, backoff: backoff, fleetWideLimits: fleet)
        try await ProviderClient.withClient(maximumConnectionsPerHost: max(c.concurrency, 8)) { client in
            let factory = ModelFactory(client: client, environment: environment, timeout: .milliseconds(Int64(c.timeoutSeconds * 1000)))
            var models: [String: any ChatModel] = [:]
            for spec in specs { models[spec] = try factory.makeModel(spec, baseURL: request.rawBaseURL ?? c.baseURL) }
            let runner = Runner(store: store, models: models, options: options)
            try await display.showing(progress) { try await runner.execute(prepared, progress: progress) }
        }
        let final = try await store.existingRun(prepared.record.id)
        return RunSummary(runID: final.id, status: final.status, progress: await progress.snapshot(),
                          tally: try await store.tally(runID: final.id))
    }
}
