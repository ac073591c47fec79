import GRDB

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
}

extension ResultStore {
    public func tally(runID: String) async throws -> RunTally {
        try await pool.read { db in
            let totals = try Row.fetchOne(db, sql: """
                SELECT COUNT(p.id) AS rows,
                       COALESCE(SUM(g.id IS NOT NULL AND g.errorCause IS NULL), 0) AS answered,
                       COALESCE(SUM(g.errorCause IS NOT NULL), 0) AS failed,
                       COALESCE(SUM(g.inputTokens), 0) AS inputTokens,
                       COALESCE(SUM(g.outputTokens), 0) AS outputTokens,
                       COALESCE(SUM(g.attempts), 0) AS calls,
                       COALESCE(SUM(g.origin = 'cache'), 0) AS cacheHits
                FROM plan_rows p LEFT JOIN generations g ON g.planRowID = p.id WHERE p.runID = ?
                """, arguments: [runID])!
            var causes: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT g.errorCause AS cause, COUNT(*) AS n FROM generations g JOIN plan_rows p ON p.id = g.planRowID
                WHERE p.runID = ? AND g.errorCause IS NOT NULL GROUP BY g.errorCause
                """, arguments: [runID]) {
                causes[row["cause"]] = row["n"]
            }
            return RunTally(rows: totals["rows"], answered: totals["answered"], failed: totals["failed"],
                            failuresByCause: causes, inputTokens: totals["inputTokens"],
                            outputTokens: totals["outputTokens"], modelCalls: totals["calls"], cacheHits: totals["cacheHits"])
        }
    }
}
