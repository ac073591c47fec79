import Foundation
import FulcrumCore
import FulcrumStore
import Logging

/// How the runner fetches answers (not what it asks: that is the plan).
public struct RunnerOptions: Sendable, Hashable {
    public var concurrency: Int
    public var perModelConcurrency: Int
    public var timeoutSeconds: Double
    public var retries: Int
    public var useCache: Bool
    public var backoff: Backoff
    /// How long a claimed row stays this process's without a heartbeat.
    public var lease: Duration
    /// Hold per-model limits in the store, for every process sharing it, instead of in this process.
    public var fleetWideLimits: Bool

    public init(concurrency: Int = 8, perModelConcurrency: Int = 4, timeoutSeconds: Double = 120, retries: Int = 4,
                useCache: Bool = true, backoff: Backoff = Backoff(), lease: Duration = .seconds(30),
                fleetWideLimits: Bool = false) {
        self.concurrency = concurrency
        self.perModelConcurrency = perModelConcurrency
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.useCache = useCache
        self.backoff = backoff
        self.lease = lease
        self.fleetWideLimits = fleetWideLimits
    }

    public init(_ c: RunConfiguration, backoff: Backoff = Backoff(), lease: Duration = .seconds(30), fleetWideLimits: Bool = false) {
        self.init(concurrency: c.concurrency, perModelConcurrency: c.perModelConcurrency, timeoutSeconds: c.timeoutSeconds,
                  retries: c.retries, useCache: c.useCache, backoff: backoff, lease: lease, fleetWideLimits: fleetWideLimits)
    }

    /// A gate per model: in the store when limits are fleet-wide, else in this process.
    public func gates(for specs: some Sequence<String>, store: any ResultStore, worker: WorkerIdentity) -> [String: any ModelGate] {
        var gates: [String: any ModelGate] = [:]
        for spec in specs {
            gates[spec] = fleetWideLimits
                ? FleetModelGate(store: store, model: spec, maximum: perModelConcurrency, worker: worker.description, lease: lease)
                : LocalModelGate(maximum: perModelConcurrency)
        }
        return gates
    }
}

/// Executes one run's plan rows against models with bounded concurrency and stores each outcome as
/// it arrives: a `WorkLoop` limited to the run, returning when every row has its outcome.
///
/// At most `concurrency` rows are in flight overall, and at most an adaptive number (≤ `perModelConcurrency`)
/// per model. Retryable `ChatError`s are retried with backoff; every row ends with exactly one stored
/// generation, answered or failed with its cause. Rows are claimed through the store's queue, so
/// workers serving the same run (`fulcrum worker`) never take the same row.
/// ```swift
/// let runner = Runner(store: store, models: ["openai/gpt-4o": model], options: RunnerOptions(configuration))
/// try await runner.execute(prepared, progress: RunProgress(total: prepared.pending.count))
/// ```
public struct Runner: Sendable {
    public let store: any ResultStore
    public let models: [String: any ChatModel]
    public let options: RunnerOptions
    public let logger: Logger
    public let worker: WorkerIdentity
    private let gates: [String: any ModelGate]

    public init(store: any ResultStore, models: [String: any ChatModel], options: RunnerOptions,
                worker: WorkerIdentity = .current(), logger: Logger = Logger(label: "fulcrum.run")) {
        self.store = store
        self.models = models
        self.options = options
        self.logger = logger
        self.worker = worker
        gates = options.gates(for: models.keys, store: store, worker: worker)
    }

    /// The current adaptive concurrency limit for a model (for tests and diagnostics).
    public func currentLimit(for spec: String) async -> Double? { await gates[spec]?.currentLimit }

    /// Executes the run's open rows, then marks the run completed when every row has an answer.
    public func execute(_ run: PreparedRun, progress: RunProgress) async throws {
        let context = RunContext(suite: run.suite, settings: run.configuration.settings, models: models, gates: gates)
        let loop = WorkLoop(store: store, worker: worker, options: options, runID: run.record.id, exitWhenIdle: true,
                            pollInterval: .milliseconds(100), logger: logger, context: { _ in context })
        try await loop.run(progress: progress)
        let tally = try await store.tally(runID: run.record.id)
        if tally.answered == tally.rows { try await store.setStatus(runID: run.record.id, .completed) }
    }
}
