import Foundation
import FulcrumCore
import FulcrumStore
import FulcrumValues

/// The judge calibrations reports can draw on: every one stored by `fulcrum judge calibrate`, and
/// the two shipped with the built-in native judge (on data unlike its training data, and within its
/// data sets). Per judge, reports and gates use the newest stored calibration, else the shipped one
/// chosen (transfer by default) when it measured that very model.
public struct CalibrationCatalog: Sendable {
    public var store: any ResultStore
    /// Which shipped calibration stands in for the built-in judge when none of it is stored.
    public var shipped: ShippedCalibration

    public init(store: any ResultStore, shipped: ShippedCalibration = .transfer) {
        self.store = store
        self.shipped = shipped
    }

    public struct Entry: Codable, Sendable {
        public var record: JudgeCalibrationRecord
        /// Shipped with the built-in native judge rather than stored in the database.
        public var shipped: Bool
        /// The calibration reports use for this judge's scores.
        public var inUse: Bool
    }

    /// The calibration in use for each judge that has one.
    public func inUse(judges: Set<String>) async throws -> [String: JudgeCalibrationRecord] {
        var out: [String: JudgeCalibrationRecord] = [:]
        for judge in judges.sorted() {
            if let stored = try await store.latestCalibration(judge: judge) {
                out[judge] = stored
            } else if judge.hasPrefix(NativeSafetyJudge.identifierPrefix), let shipped = try NativeSafetyJudge.shippedCalibration(for: judge, shipped) {
                out[judge] = shipped
            }
        }
        return out
    }

    /// Every calibration, the shipped ones first, then stored ones newest first; `judge` keeps one judge's.
    public func entries(judge: String? = nil) async throws -> [Entry] {
        var records = try NativeSafetyJudge.shippedCalibrationRecords().map { ($0, true) }
        records += try await store.calibrations().map { ($0, false) }
        if let judge { records = records.filter { $0.0.judge == judge } }
        var used = try await inUse(judges: Set(records.map(\.0.judge)))
        return records.map { record, shipped in
            // Two runs in the same second store equal records; only the first (newest) is the one in use.
            let inUse = used[record.judge] == record
            if inUse { used[record.judge] = nil }
            return Entry(record: record, shipped: shipped, inUse: inUse)
        }
    }
}
