import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumProviders
import FulcrumStore
import Logging

/// `fulcrum worker`: serves the store's queue — claims plan rows of unfinished runs, calls the
/// models under fleet-wide limits, stores each answer; then queued judgments — until stopped, or
/// until idle.
public struct Worker: Sendable {
    public struct Options: Sendable {
        /// Rows in flight at once in this process.
        public var concurrency: Int = 8
        public var lease: Duration = .seconds(30)
        public var runID: String?
        public var exitWhenIdle = false
        /// Overrides the runs' stored base URL (which has its credentials removed).
        public var baseURL: String?
        public var timeoutSeconds: Double = 120
        public var retries = 4
        public var useCache = true
        public var pollInterval: Duration = .milliseconds(250)
        /// Names the worker in leases and `runs show` (default: the host name). Only a worker named
        /// by its host name has its rows taken back at once by a claimer on the same host when it dies.
        public var name: String?

        public init() {}
    }

    public var store: any ResultStore
    public var options: Options
    public var identity: WorkerIdentity
    public var logger: Logger

    public init(store: any ResultStore, options: Options, logger: Logger = Logger(label: "fulcrum.worker")) {
        self.store = store
        self.options = options
        var identity = WorkerIdentity.current()
        if let name = options.name { identity.host = name }
        self.identity = identity
        self.logger = logger
    }

    /// Serves until cancelled, or until no row is open when `exitWhenIdle`.
    public func serve(client: ProviderClient, environment: [String: String], progress: RunProgress) async throws {
        guard options.concurrency >= 1 else { throw PlanError.invalidSetting("a worker's concurrency must be at least 1 (got \(options.concurrency))") }
        guard options.lease >= .seconds(1) else { throw PlanError.invalidSetting("a lease must be at least one second") }
        let runner = RunnerOptions(concurrency: options.concurrency, perModelConcurrency: options.concurrency,
                                   timeoutSeconds: options.timeoutSeconds, retries: options.retries, useCache: options.useCache,
                                   lease: options.lease, fleetWideLimits: true)
        let factory = ModelFactory(client: client, environment: environment, timeout: .milliseconds(Int64(options.timeoutSeconds * 1000)))
        let contexts = WorkerContexts(store: store, factory: factory, baseURL: options.baseURL, options: runner, worker: identity)
        let judging = WorkerJudging(store: store, models: factory)
        let judgingWork = JudgingWork(executor: JudgmentExecutor(store: store, retries: options.retries,
                                                                 timeoutSeconds: options.timeoutSeconds, logger: logger),
                                      prepare: { claim in try await judging.prepare(claim) })
        let loop = WorkLoop(store: store, worker: identity, options: runner, runID: options.runID, exitWhenIdle: options.exitWhenIdle,
                            pollInterval: options.pollInterval, logger: logger, judging: judgingWork,
                            context: { runID in try await contexts.context(runID: runID) })
        try await loop.run(progress: progress)
    }
}
