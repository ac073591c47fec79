/// Counts over one run's rows, for `runs list`, `runs show` and end-of-run summaries.
public struct RunTally: Sendable, Hashable, Codable {
    public var rows: Int
    public var answered: Int
    public var failed: Int
    public var failuresByCause: [String: Int]
    public var inputTokens: Int
    public var outputTokens: Int
    public var modelCalls: Int
    public var cacheHits: Int

    public var pending: Int { rows - answered - failed }

    public init(rows: Int, answered: Int, failed: Int, failuresByCause: [String: Int], inputTokens: Int, outputTokens: Int,
                modelCalls: Int, cacheHits: Int) {
        self.rows = rows
        self.answered = answered
        self.failed = failed
        self.failuresByCause = failuresByCause
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.modelCalls = modelCalls
        self.cacheHits = cacheHits
    }
}
