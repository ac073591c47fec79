import Foundation
import FulcrumCore

/// Which codings statistics count.
public enum CodingBasis: String, Codable, Sendable, CaseIterable {
    /// Human codes only.
    case human
    /// Machine suggestions only.
    case suggested
    /// Human codes where an incident has any, machine suggestions otherwise.
    case humanThenSuggested = "human-then-suggested"
}

/// A count out of a total with its Wilson 95% CI.
public struct Share: Codable, Sendable, Hashable {
    public var key: String
    public var label: String
    public var count: Int
    public var total: Int
    public var share: Double
    public var interval: ConfidenceInterval?

    init(key: String, label: String, count: Int, total: Int) {
        self.key = key
        self.label = label
        self.count = count
        self.total = total
        share = total > 0 ? Double(count) / Double(total) : 0
        interval = ProportionInterval.wilson(successes: count, total: total)
    }
}

/// Distribution of incidents by category, layer, lifecycle stage, modality and year.
///
/// Category, layer and lifecycle shares are of *coded* incidents and are multi-label (an incident
/// suggested into two categories counts in both, so shares can sum past 100%). Modality and year
/// shares are of all incidents in scope. Incidents their origin marks as duplicates are left out.
public struct IncidentStatistics: Codable, Sendable, Hashable {
    public var basis: CodingBasis
    public var origins: [String]
    public var incidents: Int
    public var codedIncidents: Int
    public var byCategory: [Share]
    public var byLayer: [Share]
    public var byLifecycle: [Share]
    public var byModality: [Share]
    public var byYear: [Share]
    /// Incidents involving disinformation/fraud, misinformation/hallucination or identity
    /// hallucination (the GVS paper reports over 60% on its own repository).
    public var disinformationHallucinationIdentity: Share

    public static let focusCategories = ["integrity.disinformation-fraud", "integrity.misinformation-hallucination",
                                         "integrity.identity-hallucination"]

    public static func compute(store: IncidentStore, basis: CodingBasis = .humanThenSuggested,
                               origins: [String] = [], scale: GVSScale = .builtIn) throws -> IncidentStatistics {
        let incidents = try store.allIncidents().filter {
            $0.duplicateOf == nil && (origins.isEmpty || origins.contains($0.origin))
        }
        let inScope = Set(incidents.map(\.id))
        let all = try store.codings().filter { inScope.contains($0.incidentID) }
        let human = Dictionary(grouping: all.filter { $0.origin == .human }, by: \.incidentID)
        let machine = Dictionary(grouping: all.filter { $0.origin == .machine }, by: \.incidentID)
        var codings: [String: [Coding]] = [:]
        for id in inScope {
            let chosen: [Coding]? = switch basis {
            case .human: human[id]
            case .suggested: machine[id]
            case .humanThenSuggested: human[id] ?? machine[id]
            }
            if let chosen, !chosen.isEmpty { codings[id] = chosen }
        }
        let coded = codings.count

        func shares(_ keys: [(String, String)], count: (String) -> Int, total: Int) -> [Share] {
            keys.map { Share(key: $0.0, label: $0.1, count: count($0.0), total: total) }
        }
        let categorySets = codings.mapValues { Set($0.map(\.category)) }
        let layerSets = codings.mapValues { Set($0.map(\.layer)) }
        let stageSets = codings.mapValues { Set($0.compactMap(\.lifecycle)) }
        let byCategory = shares(scale.categories.map { ($0.id, $0.name) },
                                count: { key in categorySets.values.filter { $0.contains(key) }.count }, total: coded)
        let byLayer = shares(scale.layers.map { ($0.id, $0.name) },
                             count: { key in layerSets.values.filter { $0.contains(key) }.count }, total: coded)
        var stageKeys = scale.lifecycleStages.map { ($0.id, $0.name) }
        stageKeys.append(("unknown", "No stage coded"))
        let byLifecycle = shares(stageKeys, count: { key in
            key == "unknown" ? stageSets.values.filter(\.isEmpty).count : stageSets.values.filter { $0.contains(key) }.count
        }, total: coded)
        let modalityCounts = Dictionary(incidents.map { ($0.modality?.rawValue ?? "unknown", 1) }, uniquingKeysWith: +)
        let byModality = shares((Modality.allCases.map(\.rawValue) + ["unknown"]).map { ($0, $0) },
                                count: { modalityCounts[$0] ?? 0 }, total: incidents.count)
        let yearCounts = Dictionary(incidents.map { ($0.year.map(String.init) ?? "unknown", 1) }, uniquingKeysWith: +)
        let byYear = shares(yearCounts.keys.sorted().map { ($0, $0) }, count: { yearCounts[$0] ?? 0 }, total: incidents.count)
        let focus = categorySets.values.filter { !$0.isDisjoint(with: focusCategories) }.count
        return IncidentStatistics(
            basis: basis, origins: origins, incidents: incidents.count, codedIncidents: coded,
            byCategory: byCategory, byLayer: byLayer, byLifecycle: byLifecycle, byModality: byModality, byYear: byYear,
            disinformationHallucinationIdentity: Share(key: "disinformation-hallucination-identity",
                                                       label: "Disinformation, hallucination or identity fraud",
                                                       count: focus, total: coded))
    }

    /// All tables in order, for table/CSV output.
    public var sections: [(name: String, shares: [Share])] {
        [("category", byCategory), ("layer", byLayer), ("lifecycle", byLifecycle), ("modality", byModality),
         ("year", byYear), ("focus", [disinformationHallucinationIdentity])]
    }
}
