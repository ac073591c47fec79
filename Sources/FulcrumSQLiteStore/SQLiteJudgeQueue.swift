import Foundation
import FulcrumStore
import GRDB

/// The judging queue on SQLite: a judgment to make is an (answered generation, judge, repeat) of a
/// request with no usable judgment yet; a worker leases it by inserting a row in `judgment_leases`.
extension SQLiteResultStore {
    /// Repeat indexes 0…63 (SQLite has no generate_series by default); `requestJudging` checks the bound.
    static let repeats = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 63)"
    /// Units of the requests in scope whose judgment is missing, or failed before the request.
    static let missingJudgments = """
        FROM judge_requests jr
        JOIN plan_rows p ON p.runID = jr.runID
        JOIN generations g ON g.planRowID = p.id AND g.errorCause IS NULL
        JOIN n ON n.i < jr.repeats
        WHERE NOT EXISTS (SELECT 1 FROM judgments j WHERE j.generationID = g.id AND j.judge = jr.judge
                          AND j.repeatIndex = n.i AND (j.parseStatus != 'failed' OR j.created >= jr.requestedAt))
        """

    @discardableResult
    public func requestJudging(_ request: JudgeRequest) async throws -> JudgeRequest {
        guard (1...64).contains(request.repeats) else { throw StoreError.invalidRequest("repeats must be 1 to 64 (got \(request.repeats))") }
        return try await pool.write { db in
            guard try Self.runExists(db, request.runID) else { throw StoreError.unknownRun(request.runID) }
            let row = try Row.fetchOne(db, sql: """
                INSERT INTO judge_requests (runID, judge, recipeJSON, repeats, requestedAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (runID, judge) DO UPDATE SET recipeJSON = excluded.recipeJSON, repeats = excluded.repeats,
                    requestedAt = excluded.requestedAt
                RETURNING *
                """, arguments: [request.runID, request.judge, request.recipeJSON, request.repeats, request.requestedAt])!
            return Self.judgeRequest(row)
        }
    }

    public func judgeRequest(id: Int64) async throws -> JudgeRequest? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM judge_requests WHERE id = ?", arguments: [id]).map(Self.judgeRequest)
        }
    }

    public func claimJudgments(worker: String, limit: Int, lease: Duration) async throws -> [JudgmentClaim] {
        guard limit > 0 else { return [] }
        return try await pool.write { db in
            try Row.fetchAll(db, sql: """
                \(Self.repeats)
                INSERT INTO judgment_leases (generationID, judge, repeatIndex, requestID, owner, expires)
                SELECT g.id, jr.judge, n.i, jr.id, ?, \(Self.now) + ?
                \(Self.missingJudgments)
                  AND NOT EXISTS (SELECT 1 FROM judgment_leases l WHERE l.generationID = g.id AND l.judge = jr.judge
                                  AND l.repeatIndex = n.i AND l.expires >= \(Self.now))
                ORDER BY jr.id, g.id, n.i LIMIT ?
                ON CONFLICT (generationID, judge, repeatIndex) DO UPDATE SET
                    requestID = excluded.requestID, owner = excluded.owner, expires = excluded.expires
                RETURNING requestID, generationID, repeatIndex
                """, arguments: [worker, lease.storeSeconds, limit]).map {
                JudgmentClaim(requestID: $0["requestID"], generationID: $0["generationID"], repeatIndex: $0["repeatIndex"])
            }
        }
    }

    public func openJudgments(runID: String?) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: """
                \(Self.repeats)
                SELECT COUNT(*) \(Self.missingJudgments) AND (? IS NULL OR jr.runID = ?)
                """, arguments: [runID, runID]) ?? 0
        }
    }

    static func judgeRequest(_ row: Row) -> JudgeRequest {
        JudgeRequest(id: row["id"], runID: row["runID"], judge: row["judge"], recipeJSON: row["recipeJSON"],
                     repeats: row["repeats"], requestedAt: row["requestedAt"])
    }
}
