import Foundation

/// Where a run is in its life. `unfinished` until every plan row has an answer (a killed run, or one with failed rows, stays so).
public enum RunStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case unfinished, completed
    /// Holds answers made elsewhere (`fulcrum responses import`), not by Fulcrum's runner.
    case imported
}

/// One execution of a suite against models: the row every plan row and generation hangs from.
///
/// `configJSON` is the run's configuration as JSON. It never holds secrets: API keys are read from the
/// environment at call time and are not part of any configuration type.
public struct RunRecord: Codable, Sendable, Hashable {
    /// Readable and sortable: `20261123-105933-3f9a1c`.
    public var id: String
    /// A user-chosen name (used by imports to find the run to extend); nil for ordinary runs.
    public var name: String?
    public var created: Date
    public var suiteName: String
    /// SHA-256 of the suite's items as Fulcrum encodes them, so a changed suite file is noticed.
    public var suiteHash: String
    public var configJSON: String
    /// Hash of suite and configuration: running the same command again finds this run to resume.
    public var fingerprint: String
    public var status: RunStatus
    /// The suite's items as JSON Lines, so a worker on another machine can build the prompts without
    /// the suite file; nil for imported runs and runs made before workers existed.
    public var suiteJSON: String?

    public init(id: String = RunRecord.newID(), name: String? = nil, created: Date = Date(), suiteName: String,
                suiteHash: String, configJSON: String, fingerprint: String, status: RunStatus = .unfinished,
                suiteJSON: String? = nil) {
        self.id = id
        self.name = name
        self.created = created
        self.suiteName = suiteName
        self.suiteHash = suiteHash
        self.configJSON = configJSON
        self.fingerprint = fingerprint
        self.status = status
        self.suiteJSON = suiteJSON
    }

    /// A new id from the UTC time and 24 random bits.
    public static func newID(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        return stamp + "-" + String(format: "%06x", UInt32.random(in: 0..<(1 << 24)))
    }
}
