import GRDB
import GRDBSQLite

/// One INSERT statement executed many times through the SQLite C API, for the row loops of a large
/// import. Going through GRDB's statement API costs ~10 µs a row in argument boxing and
/// bookkeeping, which for 100,000 incidents and ~150,000 machine suggestions was as much time as
/// SQLite's own work. Values are always bound, never spliced into the SQL.
///
/// ```swift
/// var insert = try BulkInsert(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
/// try insert.execute(["x", nil])
/// ```
struct BulkInsert: ~Copyable {
    private let connection: OpaquePointer
    private let statement: OpaquePointer

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed")
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        self.statement = statement
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds `values` to the parameters in order (nil as NULL) and runs the statement once.
    func execute(_ values: [String?]) throws {
        defer { sqlite3_reset(statement) }
        precondition(values.count == Int(sqlite3_bind_parameter_count(statement)), "one value per parameter")
        for (index, value) in values.enumerated() {
            let parameter = Int32(index + 1)
            let code: Int32
            if var value {
                // With its byte count (text may hold NUL characters); SQLITE_TRANSIENT makes SQLite
                // copy the bytes before the buffer goes away. An empty buffer may have no address,
                // which SQLite would take for NULL.
                code = value.withUTF8 { utf8 in
                    guard let base = utf8.baseAddress, !utf8.isEmpty else {
                        return sqlite3_bind_text(statement, parameter, "", 0, SQLITE_TRANSIENT)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                        sqlite3_bind_text64(statement, parameter, $0, sqlite3_uint64(utf8.count), SQLITE_TRANSIENT,
                                            UInt8(SQLITE_UTF8))
                    }
                }
            } else {
                code = sqlite3_bind_null(statement, parameter)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                      sql: String(cString: sqlite3_sql(statement)))
    }
}

/// `SQLITE_TRANSIENT` is a C macro (a cast of -1) that Swift does not import.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
