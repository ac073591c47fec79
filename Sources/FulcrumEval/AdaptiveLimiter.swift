/// A concurrency limit for one provider that adapts to rate limiting (AIMD, as TCP congestion control):
/// each 429 halves the limit (at most once per `decreaseInterval`, so one burst of 429s counts once),
/// each success adds 1/limit, so the limit regains one slot per round of successful calls.
public actor AdaptiveLimiter {
    public let maximum: Int
    public private(set) var limit: Double
    public private(set) var inFlight = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextWaiterID = 0
    private var lastDecrease: ContinuousClock.Instant?
    private let decreaseInterval: Duration

    public init(maximum: Int, decreaseInterval: Duration = .milliseconds(500)) {
        self.maximum = max(1, maximum)
        self.limit = Double(max(1, maximum))
        self.decreaseInterval = decreaseInterval
    }

    /// Waits for a slot; returns false (holding no slot, so do not release) when the task was cancelled.
    public func acquire() async -> Bool {
        if waiters.isEmpty && inFlight < Int(limit) {
            inFlight += 1
            return true
        }
        let id = nextWaiterID
        nextWaiterID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Frees a slot and adapts the limit to what the call met.
    public func release(rateLimited: Bool) {
        inFlight -= 1
        if rateLimited {
            let now = ContinuousClock.now
            if lastDecrease.map({ now - $0 >= decreaseInterval }) ?? true {
                limit = max(1, limit / 2)
                lastDecrease = now
            }
        } else {
            limit = min(Double(maximum), limit + 1 / limit)
        }
        admitWaiters()
    }

    private func admitWaiters() {
        while inFlight < Int(limit), !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().continuation.resume(returning: true)
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }
}
