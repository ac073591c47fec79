import Foundation
import FulcrumCore

/// The human coders' combined view of one incident, flagging where they disagree.
public struct ConsensusEntry: Codable, Sendable, Hashable {
    public var incidentID: String
    public var coders: [String]
    /// Category chosen by a strict majority of coders, else nil.
    public var category: String?
    /// Share of coders choosing the most frequent category.
    public var categoryAgreement: Double
    public var lifecycle: String?
    public var medianSeverity: Double?
    /// Human-readable disagreement flags, empty when coders agree.
    public var disagreements: [String]
    /// Categories machine-suggested for the incident (shown beside, never merged in).
    public var suggestedCategories: [String]

    public var isDisputed: Bool { !disagreements.isEmpty }
}

/// Builds consensus entries from the store's codings.
public enum Consensus {
    public static func entries(from store: IncidentStore, incidentID: String? = nil) throws -> [ConsensusEntry] {
        let human = Dictionary(grouping: try store.codings(incidentID: incidentID, origin: .human), by: \.incidentID)
        let machine = Dictionary(grouping: try store.codings(incidentID: incidentID, origin: .machine), by: \.incidentID)
        return human.keys.sorted().map { id in entry(id, human: human[id]!, suggestions: machine[id] ?? []) }
    }

    static func entry(_ id: String, human: [Coding], suggestions: [Coding]) -> ConsensusEntry {
        func majority(_ values: [String?]) -> (value: String?, share: Double, distinct: Int) {
            let present = values.compactMap { $0 }
            let counts = Dictionary(present.map { ($0, 1) }, uniquingKeysWith: +)
            guard let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return (nil, 0, 0) }
            let share = Double(top.value) / Double(max(1, present.count))
            return (share > 0.5 ? top.key : nil, share, counts.count)
        }
        let category = majority(human.map(\.category))
        let lifecycle = majority(human.map(\.lifecycle))
        let severities = human.compactMap(\.severity).map(Double.init)
        var flags: [String] = []
        if category.distinct > 1 {
            flags.append("category: " + human.map { "\($0.coder)=\($0.category)" }.joined(separator: ", "))
        }
        if lifecycle.distinct > 1 {
            flags.append("lifecycle: " + human.map { "\($0.coder)=\($0.lifecycle ?? "-")" }.joined(separator: ", "))
        }
        if let lo = severities.min(), let hi = severities.max(), hi - lo >= 2 {
            flags.append("severity spread \(Int(lo))–\(Int(hi))")
        }
        return ConsensusEntry(incidentID: id, coders: human.map(\.coder).sorted(), category: category.value,
                              categoryAgreement: category.share, lifecycle: lifecycle.value,
                              medianSeverity: Descriptive.median(severities), disagreements: flags,
                              suggestedCategories: Array(Set(suggestions.map(\.category))).sorted())
    }
}
