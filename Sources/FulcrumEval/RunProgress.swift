import Foundation

/// Live counters of a run in progress, shared by the runner's tasks and the progress display.
public actor RunProgress {
    public private(set) var total: Int
    public private(set) var done = 0
    public private(set) var failed = 0
    public private(set) var cacheHits = 0
    public private(set) var calls = 0
    public private(set) var retries = 0
    public private(set) var inputTokens = 0
    public private(set) var outputTokens = 0
    public private(set) var failuresByCause: [String: Int] = [:]
    private let started = ContinuousClock.now

    public init(total: Int) { self.total = total }

    func callMade() { calls += 1 }
    func retried() { retries += 1 }
    func finished(cause: String?, cached: Bool, inputTokens: Int?, outputTokens: Int?) {
        done += 1
        if let cause {
            failed += 1
            failuresByCause[cause, default: 0] += 1
        }
        if cached { cacheHits += 1 }
        self.inputTokens += inputTokens ?? 0
        self.outputTokens += outputTokens ?? 0
    }

    public func snapshot() -> ProgressSnapshot {
        ProgressSnapshot(total: total, done: done, failed: failed, cacheHits: cacheHits, calls: calls, retries: retries,
                         inputTokens: inputTokens, outputTokens: outputTokens, failuresByCause: failuresByCause,
                         elapsed: ContinuousClock.now - started)
    }
}

/// A moment's view of a run's progress.
public struct ProgressSnapshot: Sendable, Hashable {
    public var total: Int
    public var done: Int
    public var failed: Int
    public var cacheHits: Int
    /// HTTP calls made to models (retries included).
    public var calls: Int
    public var retries: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var failuresByCause: [String: Int]
    public var elapsed: Duration

    public var elapsedSeconds: Double {
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Rows finished per second so far.
    public var rate: Double { elapsedSeconds > 0 ? Double(done) / elapsedSeconds : 0 }

    /// Seconds left at the current rate; nil before the first row finishes.
    public var etaSeconds: Double? { rate > 0 ? Double(total - done) / rate : nil }

    /// `[########------------] 120/500  12.3/s  ETA 0:31  errors 2  retries 5`
    public func bar(width: Int = 24) -> String {
        let filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let eta = etaSeconds.map { Self.clock($0) } ?? "--:--"
        return "[\(bar)] \(done)/\(total)  \(String(format: "%.1f", rate))/s  ETA \(eta)  errors \(failed)  retries \(retries)"
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
