import FulcrumStore

/// Admits requests to one model: at most a concurrency limit in flight, shrinking while the model
/// answers 429 and growing back as it answers.
public protocol ModelGate: Sendable {
    /// Waits for a slot; nil when the task was cancelled (then hold nothing and release nothing).
    func acquire() async throws -> ModelGatePass?
    /// Frees the slot and adapts the limit to what the call met.
    func release(_ pass: ModelGatePass, rateLimited: Bool) async
    /// The current limit (for tests and diagnostics).
    var currentLimit: Double { get async }
}

/// A held slot; the fleet gate's slot number, 0 for the local one.
public struct ModelGatePass: Sendable, Hashable {
    public var slot: Int
}

/// The limit within one process (`AdaptiveLimiter`).
public struct LocalModelGate: ModelGate {
    let limiter: AdaptiveLimiter

    public init(maximum: Int) { limiter = AdaptiveLimiter(maximum: maximum) }

    public func acquire() async throws -> ModelGatePass? {
        await limiter.acquire() ? ModelGatePass(slot: 0) : nil
    }

    public func release(_ pass: ModelGatePass, rateLimited: Bool) async { await limiter.release(rateLimited: rateLimited) }

    public var currentLimit: Double { get async { await limiter.limit } }
}

/// The limit for a whole fleet of workers sharing a database: a request holds one of the model's
/// slots in the store (leased, so a dead worker's slots come back), and a 429 seen by any worker
/// halves the shared limit for all. A local limiter in front keeps this process's waiters off the
/// database: only up to `maximum` of them poll for a slot.
public struct FleetModelGate: ModelGate {
    let store: any ResultStore
    let model: String
    let maximum: Int
    let worker: String
    let lease: Duration
    let local: AdaptiveLimiter
    let prepared = PreparedOnce()

    public init(store: any ResultStore, model: String, maximum: Int, worker: String, lease: Duration) {
        self.store = store
        self.model = model
        self.maximum = max(1, maximum)
        self.worker = worker
        self.lease = lease
        local = AdaptiveLimiter(maximum: max(1, maximum))
    }

    public func acquire() async throws -> ModelGatePass? {
        guard await local.acquire() else { return nil }
        var wait = 0.005
        do {
            try await prepared.run { try await store.prepareModelSlots(model: model, maximum: maximum) }
            while true {
                if let slot = try await store.acquireModelSlot(model: model, maximum: maximum, worker: worker, lease: lease) {
                    return ModelGatePass(slot: slot)
                }
                // Jittered, growing pauses: waiters on several machines do not poll in step.
                try await Task.sleep(for: .milliseconds(Int64(wait * Double.random(in: 500...1500))))
                wait = min(wait * 1.5, 0.1)
            }
        } catch {
            await local.release(rateLimited: false)
            if error is CancellationError { return nil }
            throw error
        }
    }

    public func release(_ pass: ModelGatePass, rateLimited: Bool) async {
        // A failed release only delays the slot until its lease runs out; the answer is already stored.
        try? await store.releaseModelSlot(model: model, slot: pass.slot, worker: worker, maximum: maximum,
                                          rateLimited: rateLimited)
        await local.release(rateLimited: rateLimited)
    }

    public var currentLimit: Double {
        get async { (try? await store.modelLimit(model: model)) ?? Double(maximum) }
    }
}

/// Runs a preparation once per gate; a failed attempt is tried again by the next caller.
actor PreparedOnce {
    private var done = false

    func run(_ body: @Sendable () async throws -> Void) async throws {
        guard !done else { return }
        try await body()
        done = true
    }
}
