import Foundation

/// Who produced a coding. Human codes and machine suggestions live in the same table but can never
/// be confused: the store enforces that machine coders are named `machine:…` and humans are not,
/// and every analysis states which origin it used.
public enum CodingOrigin: String, Codable, Sendable, CaseIterable {
    case human
    case machine
}

/// A coding of one incident into the GVS-Scale by one coder.
public struct Coding: Codable, Sendable, Hashable {
    public var incidentID: String
    /// GVS category id, e.g. `integrity.misinformation-hallucination`.
    public var category: String
    /// Layer id of the category (derived, stored for fast grouping).
    public var layer: String
    /// Lifecycle stage id (`data`, `model-building`, `deployment`), if coded.
    public var lifecycle: String?
    /// Severity 1 (minor) … 5 (catastrophic), if coded.
    public var severity: Int?
    public var coder: String
    public var rationale: String?
    public var origin: CodingOrigin
    public var codedAt: Date

    public init(incidentID: String, category: String, layer: String, lifecycle: String? = nil, severity: Int? = nil,
                coder: String, rationale: String? = nil, origin: CodingOrigin, codedAt: Date = Date()) {
        self.incidentID = incidentID
        self.category = category
        self.layer = layer
        self.lifecycle = lifecycle
        self.severity = severity
        self.coder = coder
        self.rationale = rationale
        self.origin = origin
        self.codedAt = codedAt
    }

    /// Prefix that marks machine coders (`machine:aiid-mit`, `machine:text-cue`).
    public static let machinePrefix = "machine:"

    public static let severityRange = 1...5
}
