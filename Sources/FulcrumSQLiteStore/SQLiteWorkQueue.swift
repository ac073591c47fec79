import Foundation
import FulcrumStore
import GRDB

/// The work queue and the fleet-wide model slots on SQLite. One writer at a time makes every claim
/// atomic without row locks; times are unix seconds by SQLite's clock.
extension SQLiteResultStore {
    /// Now, in unix seconds with fractions.
    static let now = "((julianday('now') - 2440587.5) * 86400.0)"
    /// A row is open while it has no generation, or a failed one that was put back.
    static let open = "(g.id IS NULL OR (g.errorCause IS NOT NULL AND g.requeued = 1))"

    public func claimRows(worker: String, runID: String?, limit: Int, lease: Duration) async throws -> [PlanRowRecord] {
        guard limit > 0 else { return [] }
        return try await pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                UPDATE plan_rows SET leaseOwner = ?, leaseExpires = \(Self.now) + ?
                WHERE id IN (
                    SELECT p.id FROM plan_rows p JOIN runs r ON r.id = p.runID
                    LEFT JOIN generations g ON g.planRowID = p.id
                    WHERE r.status = 'unfinished' AND (p.runID = ? OR (? IS NULL AND r.suiteJSON IS NOT NULL))
                      AND \(Self.open) AND (p.leaseExpires IS NULL OR p.leaseExpires < \(Self.now))
                    ORDER BY p.id LIMIT ?)
                RETURNING *
                """, arguments: [worker, lease.storeSeconds, runID, runID, limit])
            return rows.map(Self.planRow).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        }
    }

    @discardableResult
    public func renewLeases(worker: String, lease: Duration) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "UPDATE model_slots SET expires = \(Self.now) + ? WHERE owner = ?",
                           arguments: [lease.storeSeconds, worker])
            try db.execute(sql: "UPDATE judgment_leases SET expires = \(Self.now) + ? WHERE owner = ?",
                           arguments: [lease.storeSeconds, worker])
            try db.execute(sql: "UPDATE plan_rows SET leaseExpires = \(Self.now) + ? WHERE leaseOwner = ?",
                           arguments: [lease.storeSeconds, worker])
            return db.changesCount
        }
    }

    public func releaseLeases(worker: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE plan_rows SET leaseOwner = NULL, leaseExpires = NULL WHERE leaseOwner = ?",
                           arguments: [worker])
            try db.execute(sql: "UPDATE model_slots SET owner = NULL, expires = NULL WHERE owner = ?", arguments: [worker])
            try db.execute(sql: "DELETE FROM judgment_leases WHERE owner = ?", arguments: [worker])
        }
    }

    public func requeueFailed(runID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE generations SET requeued = 1 WHERE errorCause IS NOT NULL
                  AND planRowID IN (SELECT id FROM plan_rows WHERE runID = ?)
                """, arguments: [runID])
            try db.execute(sql: "UPDATE runs SET status = 'unfinished' WHERE id = ? AND status = 'completed'", arguments: [runID])
        }
    }

    public func queueStatus(runID: String?) async throws -> QueueStatus {
        try await pool.read { db in
            let open = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM plan_rows p JOIN runs r ON r.id = p.runID LEFT JOIN generations g ON g.planRowID = p.id
                WHERE \(Self.open) AND (p.runID = ? OR (? IS NULL AND r.status = 'unfinished' AND r.suiteJSON IS NOT NULL))
                """, arguments: [runID, runID]) ?? 0
            var leased: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT leaseOwner AS owner, COUNT(*) AS n FROM plan_rows
                WHERE leaseOwner IS NOT NULL AND leaseExpires >= \(Self.now) AND (? IS NULL OR runID = ?)
                GROUP BY leaseOwner
                """, arguments: [runID, runID]) {
                leased[row["owner"]] = row["n"]
            }
            return QueueStatus(openRows: open, leasedByWorker: leased)
        }
    }

    @discardableResult
    public func completeFinishedRuns() async throws -> [String] {
        try await pool.write { db in
            try String.fetchAll(db, sql: """
                UPDATE runs SET status = 'completed' WHERE status = 'unfinished' AND suiteJSON IS NOT NULL
                  AND EXISTS (SELECT 1 FROM plan_rows p WHERE p.runID = runs.id)
                  AND NOT EXISTS (SELECT 1 FROM plan_rows p LEFT JOIN generations g ON g.planRowID = p.id
                                  WHERE p.runID = runs.id AND (g.id IS NULL OR g.errorCause IS NOT NULL))
                RETURNING id
                """)
        }
    }

    // MARK: Model slots

    public func prepareModelSlots(model: String, maximum: Int) async throws {
        try await pool.write { db in try Self.ensureSlots(db, model: model, maximum: maximum) }
    }

    public func acquireModelSlot(model: String, maximum: Int, worker: String, lease: Duration) async throws -> Int? {
        try await pool.write { db in
            try Int.fetchOne(db, sql: """
                UPDATE model_slots SET owner = ?, expires = \(Self.now) + ?
                WHERE modelSpec = ? AND slot = (
                    SELECT s.slot FROM model_slots s JOIN model_limits l ON l.modelSpec = s.modelSpec
                    WHERE s.modelSpec = ? AND s.slot < MIN(CAST(l.currentLimit AS INTEGER), ?)
                      AND (s.owner IS NULL OR s.expires < \(Self.now))
                    ORDER BY s.slot LIMIT 1)
                RETURNING slot
                """, arguments: [worker, lease.storeSeconds, model, model, maximum])
        }
    }

    public func releaseModelSlot(model: String, slot: Int, worker: String, maximum: Int, rateLimited: Bool) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE model_slots SET owner = NULL, expires = NULL WHERE modelSpec = ? AND slot = ? AND owner = ?",
                           arguments: [model, slot, worker])
            if rateLimited {
                try db.execute(sql: """
                    UPDATE model_limits SET currentLimit = MAX(1.0, currentLimit / 2), lastDecrease = \(Self.now)
                    WHERE modelSpec = ? AND (lastDecrease IS NULL OR lastDecrease < \(Self.now) - 0.5)
                    """, arguments: [model])
            } else {
                try db.execute(sql: """
                    UPDATE model_limits SET currentLimit = MIN(?, currentLimit + 1.0 / currentLimit)
                    WHERE modelSpec = ? AND currentLimit < ?
                    """, arguments: [Double(maximum), model, Double(maximum)])
            }
        }
    }

    public func modelLimit(model: String) async throws -> Double? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT currentLimit FROM model_limits WHERE modelSpec = ?", arguments: [model])
        }
    }

    static func ensureSlots(_ db: Database, model: String, maximum: Int) throws {
        try db.execute(sql: "INSERT INTO model_limits (modelSpec, currentLimit) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       arguments: [model, Double(maximum)])
        let have = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM model_slots WHERE modelSpec = ?", arguments: [model]) ?? 0
        guard have < maximum else { return }
        let statement = try db.cachedStatement(sql: "INSERT INTO model_slots (modelSpec, slot) VALUES (?, ?) ON CONFLICT DO NOTHING")
        for slot in have..<maximum { try statement.execute(arguments: [model, slot]) }
    }
}
