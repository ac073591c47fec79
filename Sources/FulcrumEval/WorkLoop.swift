import Foundation
import FulcrumStore
import Logging

/// Claims plan rows from the store's queue and executes them, `concurrency` at a time, renewing the
/// leases of rows in flight until each is stored. The engine under both `fulcrum run` (one run, until
/// it is finished) and `fulcrum worker` (every run, until stopped or idle).
public struct WorkLoop: Sendable {
    public var store: any ResultStore
    public var worker: WorkerIdentity
    public var concurrency: Int
    public var lease: Duration
    /// Serve this run only; nil serves every unfinished run that carries its suite.
    public var runID: String?
    /// Return once no row is open (rows leased by a dead worker count as open until reclaimed and done).
    public var exitWhenIdle: Bool
    /// How long to wait before asking again when nothing is claimable.
    public var pollInterval: Duration
    /// The context of a run's rows (called once per run and claim batch; cache it).
    public var context: @Sendable (String) async throws -> RunContext
    /// Queued judging, done when no plan row is waiting; nil to make answers only.
    public var judging: JudgingWork?
    var executor: RowExecutor

    public init(store: any ResultStore, worker: WorkerIdentity, options: RunnerOptions, runID: String?, exitWhenIdle: Bool,
                pollInterval: Duration = .milliseconds(250), logger: Logger = Logger(label: "fulcrum.worker"),
                judging: JudgingWork? = nil, context: @escaping @Sendable (String) async throws -> RunContext) {
        self.store = store
        self.worker = worker
        concurrency = max(1, options.concurrency)
        lease = options.lease
        self.runID = runID
        self.exitWhenIdle = exitWhenIdle
        self.pollInterval = pollInterval
        self.context = context
        self.judging = judging
        executor = RowExecutor(store: store, options: options, logger: logger)
    }

    /// Serves the queue; returns when idle (with `exitWhenIdle`) or throws when cancelled.
    public func run(progress: RunProgress) async throws {
        let id = worker.description
        let heartbeat = Task { [store, lease] in
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                if Task.isCancelled { break }
                _ = try? await store.renewLeases(worker: id, lease: lease)
            }
        }
        defer { heartbeat.cancel() }
        // Rows are claimed a batch at a time (fewer queue writes) and one batch is kept in hand beyond
        // what runs, so a freed slot starts a row at once instead of waiting for the next claim.
        let batch = max(1, concurrency / 4)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var inFlight = 0
                var ready: [PlanRowRecord] = []
                // The last claim got fewer rows than asked: claim rows again only once idle.
                var drained = false
                while true {
                    if !drained, ready.count < batch {
                        let wanted = concurrency + batch - inFlight - ready.count
                        let rows = try await store.claimRows(worker: id, runID: runID, limit: wanted, lease: lease)
                        if rows.count < wanted { drained = true }
                        ready += rows
                    }
                    while inFlight < concurrency, !ready.isEmpty {
                        let row = ready.removeFirst()
                        let rowContext = try await context(row.runID)
                        group.addTask { try await executor.execute(row: row, context: rowContext, progress: progress) }
                        inFlight += 1
                    }
                    if ready.isEmpty, drained, inFlight < concurrency, let judging {
                        for claim in try await store.claimJudgments(worker: id, limit: concurrency - inFlight, lease: lease) {
                            group.addTask { try await judging.execute(claim, store: store) }
                            inFlight += 1
                        }
                    }
                    if inFlight > 0 {
                        try await group.next()
                        inFlight -= 1
                        continue
                    }
                    if !drained { continue }
                    // Idle: rows a dead process on this machine holds need not wait out their lease.
                    drained = false
                    let status = try await store.queueStatus(runID: runID)
                    if try await !WorkerIdentity.releaseDeadLocalHolders(of: status, in: store).isEmpty { continue }
                    try await store.completeFinishedRuns()
                    if exitWhenIdle, status.openRows == 0 {
                        let openJudgments = judging == nil ? 0 : try await store.openJudgments(runID: runID)
                        if openJudgments == 0 { return }
                    }
                    try await Task.sleep(for: pollInterval)
                }
            }
        } catch {
            // Rows in flight were cancelled: hand them back now rather than after the lease.
            try? await store.releaseLeases(worker: id)
            throw error
        }
    }
}
