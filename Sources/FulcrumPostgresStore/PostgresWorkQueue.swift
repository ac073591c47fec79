import Foundation
import FulcrumStore
import PostgresNIO

/// The work queue and fleet-wide model slots on PostgreSQL: claims lock rows with
/// `FOR UPDATE SKIP LOCKED`, so concurrent workers never wait on each other or take the same row.
extension PostgresResultStore {
    public func claimRows(worker: String, runID: String?, limit: Int, lease: Duration) async throws -> [PlanRowRecord] {
        guard limit > 0 else { return [] }
        return try await rows("""
            UPDATE plan_rows SET lease_owner = \(worker), lease_expires = now() + make_interval(secs => \(lease.storeSeconds))
            WHERE id IN (
                SELECT p.id FROM plan_rows p JOIN runs r ON r.id = p.run_id
                LEFT JOIN generations g ON g.plan_row_id = p.id
                WHERE r.status = 'unfinished'
                  AND (p.run_id = \(runID)::text OR (\(runID)::text IS NULL AND r.suite_json IS NOT NULL))
                  AND (g.id IS NULL OR (g.error_cause IS NOT NULL AND g.requeued))
                  AND (p.lease_expires IS NULL OR p.lease_expires < now())
                ORDER BY p.id LIMIT \(limit)
                FOR UPDATE OF p SKIP LOCKED)
            RETURNING id, run_id, item_id, model_spec, language, sample_index
            """).map(PostgresRows.planRow).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    @discardableResult
    public func renewLeases(worker: String, lease: Duration) async throws -> Int {
        try await transaction { t in
            try await t.run("""
                UPDATE model_slots SET expires = now() + make_interval(secs => \(lease.storeSeconds)) WHERE owner = \(worker)
                """)
            try await t.run("""
                UPDATE judgment_leases SET expires = now() + make_interval(secs => \(lease.storeSeconds)) WHERE owner = \(worker)
                """)
            return try await t.rows("""
                UPDATE plan_rows SET lease_expires = now() + make_interval(secs => \(lease.storeSeconds))
                WHERE lease_owner = \(worker) RETURNING id
                """).count
        }
    }

    public func releaseLeases(worker: String) async throws {
        try await transaction { t in
            try await t.run("UPDATE plan_rows SET lease_owner = NULL, lease_expires = NULL WHERE lease_owner = \(worker)")
            try await t.run("UPDATE model_slots SET owner = NULL, expires = NULL WHERE owner = \(worker)")
            try await t.run("DELETE FROM judgment_leases WHERE owner = \(worker)")
        }
    }

    public func requeueFailed(runID: String) async throws {
        try await transaction { t in
            try await t.run("""
                UPDATE generations g SET requeued = true FROM plan_rows p
                WHERE p.id = g.plan_row_id AND p.run_id = \(runID) AND g.error_cause IS NOT NULL
                """)
            try await t.run("UPDATE runs SET status = 'unfinished' WHERE id = \(runID) AND status = 'completed'")
        }
    }

    public func queueStatus(runID: String?) async throws -> QueueStatus {
        try await transaction { t in
            let open = try await t.rows("""
                SELECT COUNT(*) FROM plan_rows p JOIN runs r ON r.id = p.run_id LEFT JOIN generations g ON g.plan_row_id = p.id
                WHERE (g.id IS NULL OR (g.error_cause IS NOT NULL AND g.requeued))
                  AND (p.run_id = \(runID)::text OR (\(runID)::text IS NULL AND r.status = 'unfinished' AND r.suite_json IS NOT NULL))
                """)[0][0].decode(Int.self)
            var leased: [String: Int] = [:]
            for row in try await t.rows("""
                SELECT lease_owner, COUNT(*) FROM plan_rows
                WHERE lease_owner IS NOT NULL AND lease_expires >= now() AND (\(runID)::text IS NULL OR run_id = \(runID)::text)
                GROUP BY lease_owner
                """) {
                leased[try row[0].decode(String.self)] = try row[1].decode(Int.self)
            }
            return QueueStatus(openRows: open, leasedByWorker: leased)
        }
    }

    @discardableResult
    public func completeFinishedRuns() async throws -> [String] {
        try await rows("""
            UPDATE runs SET status = 'completed' WHERE status = 'unfinished' AND suite_json IS NOT NULL
              AND EXISTS (SELECT 1 FROM plan_rows p WHERE p.run_id = runs.id)
              AND NOT EXISTS (SELECT 1 FROM plan_rows p LEFT JOIN generations g ON g.plan_row_id = p.id
                              WHERE p.run_id = runs.id AND (g.id IS NULL OR g.error_cause IS NOT NULL))
            RETURNING id
            """).map { try $0[0].decode(String.self) }
    }

    // MARK: Model slots

    public func prepareModelSlots(model: String, maximum: Int) async throws {
        try await transaction { t in
            try await t.run("""
                INSERT INTO model_limits (model_spec, current_limit) VALUES (\(model), \(Double(maximum))) ON CONFLICT DO NOTHING
                """)
            try await t.run("""
                INSERT INTO model_slots (model_spec, slot) SELECT \(model)::text, s FROM generate_series(0, \(maximum - 1)) s
                ON CONFLICT DO NOTHING
                """)
        }
    }

    public func acquireModelSlot(model: String, maximum: Int, worker: String, lease: Duration) async throws -> Int? {
        try await rows("""
                UPDATE model_slots SET owner = \(worker), expires = now() + make_interval(secs => \(lease.storeSeconds))
                WHERE model_spec = \(model) AND slot = (
                    SELECT s.slot FROM model_slots s JOIN model_limits l ON l.model_spec = s.model_spec
                    WHERE s.model_spec = \(model) AND s.slot < LEAST(floor(l.current_limit), \(maximum))
                      AND (s.owner IS NULL OR s.expires < now())
                    ORDER BY s.slot LIMIT 1 FOR UPDATE OF s SKIP LOCKED)
            RETURNING slot
            """).first.map { try $0[0].decode(Int.self) }
    }

    /// One statement (the slot freed in a CTE), so a release costs one round trip.
    public func releaseModelSlot(model: String, slot: Int, worker: String, maximum: Int, rateLimited: Bool) async throws {
        // A 429 halves the limit (at most once per half second); a success adds 1/limit below the maximum.
        let halve = rateLimited
        try await rows("""
            WITH freed AS (UPDATE model_slots SET owner = NULL, expires = NULL
                           WHERE model_spec = \(model) AND slot = \(slot) AND owner = \(worker) RETURNING slot)
            UPDATE model_limits SET
                current_limit = CASE WHEN \(halve) THEN GREATEST(1.0, current_limit / 2)
                                     ELSE LEAST(\(Double(maximum)), current_limit + 1.0 / current_limit) END,
                last_decrease = CASE WHEN \(halve) THEN now() ELSE last_decrease END
            WHERE model_spec = \(model) AND CASE WHEN \(halve)
                THEN last_decrease IS NULL OR last_decrease < now() - interval '0.5 seconds'
                ELSE current_limit < \(Double(maximum)) END
            """)
    }

    public func modelLimit(model: String) async throws -> Double? {
        try await rows("SELECT current_limit FROM model_limits WHERE model_spec = \(model)").first.map { try $0[0].decode(Double.self) }
    }
}
