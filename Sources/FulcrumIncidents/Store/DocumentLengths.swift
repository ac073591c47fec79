import GRDBSQLite

/// A block of token counts by row id (-1 where unknown: FTS5 counts those rows itself).
final class LengthTable: @unchecked Sendable {
    let counts: UnsafeMutableBufferPointer<Int32>
    init(capacity: Int) {
        counts = .allocate(capacity: capacity)
        counts.initialize(repeating: -1)
    }
    deinit { counts.deallocate() }
}

/// Token counts of every indexed incident, by row id, read from the FTS5 `incident_fts_docsize`
/// table in one scan and reloaded whenever the database changed (this connection's writes or
/// another's). Used only on the store's serial database queue, hence `@unchecked Sendable`.
final class DocumentLengths: @unchecked Sendable {
    /// Token counts by row id. Replaced, never changed in place, so a query holding the old table
    /// keeps consistent counts.
    private(set) var table = LengthTable(capacity: 0)
    private var version: (dataVersion: Int64, changes: Int64)?
    /// Goes up whenever the counts were reloaded, i.e. whenever the database changed.
    private(set) var generation = 0

    /// Reloads the counts if the database changed since the last load; the ranking function calls
    /// it once per query, from inside the running query, hence plain C calls on the raw connection.
    func refresh(_ connection: OpaquePointer) {
        guard let dataVersion = Self.integer(connection, "PRAGMA data_version") else { return }
        let current = (dataVersion, sqlite3_total_changes64(connection))
        if let version, version == current { return }
        var loaded = LengthTable(capacity: 0)
        // Sparse ids (after many deletions) would make the table huge: leave those to FTS5's lookup.
        if let maximum = Self.integer(connection, "SELECT coalesce(max(id), 0) FROM incident_fts_docsize"), maximum < 50_000_000 {
            loaded = LengthTable(capacity: Int(maximum) + 1)
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(connection, "SELECT id, sz FROM incident_fts_docsize", -1, &statement, nil) == SQLITE_OK
            else { return }
            defer { sqlite3_finalize(statement) }
            while sqlite3_step(statement) == SQLITE_ROW {
                let id = sqlite3_column_int64(statement, 0)
                let size = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, 1),
                                                  count: Int(sqlite3_column_bytes(statement, 1)))
                if id >= 0 && id < loaded.counts.count { loaded.counts[Int(id)] = Self.sumOfVarints(size) }
            }
        }
        table = loaded
        version = current
        generation += 1
    }

    private static func integer(_ connection: OpaquePointer, _ sql: String) -> Int64? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
    }

    /// The `%_docsize` blob holds one token count per column as SQLite varints (big-endian groups
    /// of 7 bits, high bit set on all but the last byte).
    static func sumOfVarints(_ data: UnsafeRawBufferPointer) -> Int32 {
        var total: Int32 = 0, value: UInt32 = 0, bytes = 0
        for byte in data {
            value = value << 7 | UInt32(byte & 0x7F)
            bytes += 1
            if byte & 0x80 == 0 {
                total &+= Int32(truncatingIfNeeded: value)
                value = 0
                bytes = 0
            } else if bytes == 4 {
                return -1   // a count beyond 2^28 tokens: let FTS5 count this row itself
            }
        }
        return total
    }
}
