import FulcrumStore

/// What a run invocation did, printed at its end.
public struct RunSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    public var runID: String
    public var status: RunStatus
    /// Rows executed by this invocation (the rest were done before).
    public var executed: Int
    public var calls: Int
    public var retries: Int
    public var cacheHits: Int
    public var answered: Int
    public var failed: Int
    public var failuresByCause: [String: Int]
    public var inputTokens: Int
    public var outputTokens: Int
    public var wallSeconds: Double
    /// Whole-run totals from the store (all invocations).
    public var tally: RunTally

    public init(runID: String, status: RunStatus, progress p: ProgressSnapshot, tally: RunTally) {
        self.runID = runID
        self.status = status
        executed = p.done
        calls = p.calls
        retries = p.retries
        cacheHits = p.cacheHits
        answered = p.done - p.failed
        failed = p.failed
        failuresByCause = p.failuresByCause
        inputTokens = p.inputTokens
        outputTokens = p.outputTokens
        wallSeconds = p.elapsedSeconds
        self.tally = tally
    }

    /// True when rows failed or were not run, so resuming the run would do more.
    public var isIncomplete: Bool { tally.failed > 0 || tally.pending > 0 }

    public var description: String {
        var lines = [
            "run \(runID): \(status.rawValue)",
            "  this invocation: \(executed) rows in \(String(format: "%.1f", wallSeconds)) s — \(answered) answered "
                + "(\(cacheHits) from cache), \(failed) failed; \(calls) model calls, \(retries) retries",
            "  tokens: \(inputTokens) in, \(outputTokens) out",
        ]
        if !failuresByCause.isEmpty {
            lines.append("  failures by cause: " + failuresByCause.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        lines.append("  whole run: \(tally.answered)/\(tally.rows) answered, \(tally.failed) failed, \(tally.pending) not run")
        return lines.joined(separator: "\n")
    }
}
