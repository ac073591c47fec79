import Foundation
import FulcrumCore
import FulcrumStore
import GRDB

/// Judge calibrations in SQLite: one row per measurement, the record as JSON.
extension SQLiteResultStore {
    public func saveCalibration(_ record: JudgeCalibrationRecord) async throws {
        let json = String(decoding: try record.jsonData(), as: UTF8.self)
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO judge_calibrations (judge, created, method, unsafeThreshold, recordJSON) VALUES (?, ?, ?, ?, ?)
                """, arguments: [record.judge, record.created, record.method, record.unsafeThreshold, json])
        }
    }

    public func latestCalibration(judge: String) async throws -> JudgeCalibrationRecord? {
        try await pool.read { db in
            try String.fetchOne(db, sql: """
                SELECT recordJSON FROM judge_calibrations WHERE judge = ? ORDER BY created DESC, id DESC LIMIT 1
                """, arguments: [judge]).map(Self.calibration)
        }
    }

    public func calibrations() async throws -> [JudgeCalibrationRecord] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT recordJSON FROM judge_calibrations ORDER BY created DESC, id DESC").map(Self.calibration)
        }
    }

    static func calibration(_ json: String) throws -> JudgeCalibrationRecord {
        do { return try JudgeCalibrationRecord.decode(Data(json.utf8)) } catch {
            throw StoreError.database("a stored judge calibration is unreadable: \(error)")
        }
    }
}
