import FulcrumCore

/// Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
/// wait a uniformly random time in [0, min(cap, base × 2^attempt)], so clients that failed together do
/// not retry together. A server's `Retry-After` wins over the computed delay.
public struct Backoff: Sendable, Hashable {
    public var baseSeconds: Double
    public var capSeconds: Double
    /// The longest `Retry-After` honoured (a server asking for an hour is treated as this).
    public var maxRetryAfterSeconds: Double

    public init(baseSeconds: Double = 0.5, capSeconds: Double = 30, maxRetryAfterSeconds: Double = 120) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
    }

    /// Seconds to wait before retry number `attempt + 1` (attempt 0 = the first call just failed).
    public func delay(afterAttempt attempt: Int, error: ChatError,
                      random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> Double {
        if case .rateLimited(let retryAfter?) = error, retryAfter >= 0 {
            return min(retryAfter, maxRetryAfterSeconds)
        }
        let ceiling = min(capSeconds, baseSeconds * Double(1 << min(attempt, 30)))
        return random(0...ceiling)
    }
}
