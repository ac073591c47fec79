import Foundation
import FulcrumStore
import PostgresNIO

/// The judging queue on PostgreSQL: a worker leases a judgment by inserting its key into
/// `judgment_leases`; a concurrent claimer of the same key waits on the key's index entry and then
/// finds it taken, so no judgment is leased twice.
extension PostgresResultStore {
    /// Units of the requests in scope whose judgment is missing, or failed before the request.
    static let missingJudgments = """
        FROM judge_requests jr
        JOIN plan_rows p ON p.run_id = jr.run_id
        JOIN generations g ON g.plan_row_id = p.id AND g.error_cause IS NULL
        CROSS JOIN LATERAL generate_series(0, jr.repeats - 1) AS n(i)
        WHERE NOT EXISTS (SELECT 1 FROM judgments j WHERE j.generation_id = g.id AND j.judge = jr.judge
                          AND j.repeat_index = n.i AND (j.parse_status <> 'failed' OR j.created >= jr.requested_at))
        """

    @discardableResult
    public func requestJudging(_ request: JudgeRequest) async throws -> JudgeRequest {
        guard (1...64).contains(request.repeats) else { throw StoreError.invalidRequest("repeats must be 1 to 64 (got \(request.repeats))") }
        return try await transaction { t in
            guard try await !t.rows("SELECT 1 FROM runs WHERE id = \(request.runID)").isEmpty else {
                throw StoreError.unknownRun(request.runID)
            }
            return try PostgresRows.judgeRequest(try await t.rows("""
                INSERT INTO judge_requests (run_id, judge, recipe_json, repeats, requested_at)
                VALUES (\(request.runID), \(request.judge), \(request.recipeJSON), \(request.repeats), \(request.requestedAt))
                ON CONFLICT (run_id, judge) DO UPDATE SET recipe_json = excluded.recipe_json, repeats = excluded.repeats,
                    requested_at = excluded.requested_at
                RETURNING \(unescaped: PostgresRows.judgeRequestColumns)
                """)[0])
        }
    }

    public func judgeRequest(id: Int64) async throws -> JudgeRequest? {
        try await rows("SELECT \(unescaped: PostgresRows.judgeRequestColumns) FROM judge_requests WHERE id = \(id)")
            .first.map(PostgresRows.judgeRequest)
    }

    public func claimJudgments(worker: String, limit: Int, lease: Duration) async throws -> [JudgmentClaim] {
        guard limit > 0 else { return [] }
        return try await rows("""
            INSERT INTO judgment_leases (generation_id, judge, repeat_index, request_id, owner, expires)
            SELECT g.id, jr.judge, n.i, jr.id, \(worker), now() + make_interval(secs => \(lease.storeSeconds))
            \(unescaped: Self.missingJudgments)
              AND NOT EXISTS (SELECT 1 FROM judgment_leases l WHERE l.generation_id = g.id AND l.judge = jr.judge
                              AND l.repeat_index = n.i AND l.expires >= now())
            ORDER BY jr.id, g.id, n.i LIMIT \(limit)
            ON CONFLICT (generation_id, judge, repeat_index) DO UPDATE SET
                request_id = excluded.request_id, owner = excluded.owner, expires = excluded.expires
                WHERE judgment_leases.expires < now()
            RETURNING request_id, generation_id, repeat_index
            """).map { JudgmentClaim(requestID: try $0[0].decode(Int64.self), generationID: try $0[1].decode(Int64.self),
                                     repeatIndex: try $0[2].decode(Int.self)) }
    }

    public func openJudgments(runID: String?) async throws -> Int {
        try await rows("""
            SELECT COUNT(*) \(unescaped: Self.missingJudgments) AND (\(runID)::text IS NULL OR jr.run_id = \(runID)::text)
            """)[0][0].decode(Int.self)
    }
}
