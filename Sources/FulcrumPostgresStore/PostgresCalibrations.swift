import Foundation
import FulcrumCore
import FulcrumStore
import PostgresNIO

/// Judge calibrations in PostgreSQL: one row per measurement, the record as JSON.
extension PostgresResultStore {
    public func saveCalibration(_ record: JudgeCalibrationRecord) async throws {
        let json = String(decoding: try record.jsonData(), as: UTF8.self)
        try await rows("""
            INSERT INTO judge_calibrations (judge, created, method, unsafe_threshold, record_json)
            VALUES (\(record.judge), \(record.created), \(record.method), \(record.unsafeThreshold), \(json))
            """)
    }

    public func latestCalibration(judge: String) async throws -> JudgeCalibrationRecord? {
        try await rows("""
            SELECT record_json FROM judge_calibrations WHERE judge = \(judge) ORDER BY created DESC, id DESC LIMIT 1
            """).first.map(Self.calibration)
    }

    public func calibrations() async throws -> [JudgeCalibrationRecord] {
        try await rows("SELECT record_json FROM judge_calibrations ORDER BY created DESC, id DESC").map(Self.calibration)
    }

    static func calibration(_ row: PostgresRandomAccessRow) throws -> JudgeCalibrationRecord {
        let json = try row[0].decode(String.self)
        do { return try JudgeCalibrationRecord.decode(Data(json.utf8)) } catch {
            throw StoreError.database("a stored judge calibration is unreadable: \(error)")
        }
    }
}
