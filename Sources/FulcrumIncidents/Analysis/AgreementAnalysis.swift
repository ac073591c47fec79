import Foundation
import FulcrumCore

/// Values of one field given by several coders to several units (incidents).
public struct AgreementData: Sendable {
    public var field: String
    public var metric: KrippendorffAlpha.Metric
    /// unit → coder → value (missing pairs are simply absent).
    public var units: [String: [String: String]]

    public init(field: String, metric: KrippendorffAlpha.Metric, units: [String: [String: String]]) {
        self.field = field
        self.metric = metric
        self.units = units
    }

    public var coders: [String] { Array(Set(units.values.flatMap(\.keys))).sorted() }
}

/// Agreement on one field: Krippendorff's α over all coders and Cohen's κ for every coder pair.
public struct FieldAgreement: Codable, Sendable, Hashable {
    public struct Pair: Codable, Sendable, Hashable {
        public var coderA: String
        public var coderB: String
        /// Units both coded.
        public var units: Int
        /// Share of those units with identical values.
        public var observedAgreement: Double?
        public var kappa: ConfidenceInterval?
    }

    public var field: String
    public var metric: KrippendorffAlpha.Metric
    public var coders: Int
    /// Units with at least two values (the ones α uses).
    public var pairableUnits: Int
    public var alpha: ConfidenceInterval?
    public var pairs: [Pair]
}

/// Computes agreement per field with seeded bootstrap CIs.
///
/// ```swift
/// let data = try CSETAgreement.data(from: store)            // one AgreementData per CSET field
/// let results = data.map { AgreementAnalysis(bootstrap: Bootstrap(resamples: 1000)).analyse($0) }
/// ```
public struct AgreementAnalysis: Sendable {
    public var bootstrap: Bootstrap
    /// Pairs sharing fewer units than this get no κ (too few to say anything).
    public var minimumPairUnits: Int

    public init(bootstrap: Bootstrap = Bootstrap(resamples: 1000), minimumPairUnits: Int = 5) {
        self.bootstrap = bootstrap
        self.minimumPairUnits = minimumPairUnits
    }

    public func analyse(_ data: AgreementData) -> FieldAgreement {
        let coders = data.coders
        let unitIDs = data.units.keys.sorted()
        // Integer codes: hashing long label strings in every bootstrap resample was the bottleneck.
        var codes: [String: Int] = [:]
        for value in data.units.values.flatMap(\.values) where codes[value] == nil { codes[value] = codes.count }
        let matrix: [[Int?]] = unitIDs.map { unit in coders.map { data.units[unit]?[$0].flatMap { codes[$0] } } }
        let labels = Dictionary(uniqueKeysWithValues: codes.map { ($1, $0) })
        let alpha: ConfidenceInterval?
        switch data.metric {
        case .nominal:
            alpha = KrippendorffAlpha.nominalInterval(matrix, bootstrap: bootstrap)
        case .interval:
            let numeric = matrix.map { $0.map { $0.flatMap { labels[$0] }.flatMap(Double.init) } }
            alpha = KrippendorffAlpha.interval(numeric, metric: .interval, bootstrap: bootstrap)
        }
        var pairs: [FieldAgreement.Pair] = []
        for a in coders.indices {
            for b in coders.indices where b > a {
                let shared = matrix.compactMap { row -> (Int, Int)? in
                    guard let x = row[a], let y = row[b] else { return nil }
                    return (x, y)
                }
                guard !shared.isEmpty else { continue }
                let observed = Double(shared.filter { $0.0 == $0.1 }.count) / Double(shared.count)
                let kappa = shared.count >= minimumPairUnits ? CohenKappa.interval(shared, bootstrap: bootstrap) : nil
                pairs.append(.init(coderA: coders[a], coderB: coders[b], units: shared.count,
                                   observedAgreement: observed, kappa: kappa))
            }
        }
        return FieldAgreement(field: data.field, metric: data.metric, coders: coders.count,
                              pairableUnits: KrippendorffAlpha.pairableUnitCount(matrix), alpha: alpha, pairs: pairs)
    }
}

/// Agreement data from the AIID CSETv1 annotator tables (imported as foreign codes of taxonomies
/// `CSETv1_Annotator-1…3`). Each table is one coder slot: the tables hold independent annotations
/// of the same incidents.
public enum CSETAgreement {
    public static let taxonomies = ["CSETv1_Annotator-1", "CSETv1_Annotator-2", "CSETv1_Annotator-3"]

    /// Columns that describe the annotation process or hold free text, not a coded judgement.
    static let excluded: Set<String> = ["Annotator", "Annotation Status", "Peer Reviewer", "Quality Control",
                                        "Incident Number", "Entities", "AI System Description", "Location City"]
    /// Counts, analysed with the interval metric.
    public static let intervalFields: Set<String> = ["Lives Lost", "Injuries"]
    /// Fields with more distinct values than this are free text, not codes.
    static let maximumCategories = 15

    public static func data(from store: IncidentStore, fields: [String]? = nil) throws -> [AgreementData] {
        var byField: [String: [String: [String: String]]] = [:]
        for (incidentID, code) in try store.foreignCodes(taxonomies: taxonomies) {
            byField[code.field, default: [:]][incidentID, default: [:]][code.taxonomy] = normalise(code.value)
        }
        var result: [AgreementData] = []
        for (field, units) in byField.sorted(by: { $0.key < $1.key }) {
            if let fields, !fields.contains(field) { continue }
            if fields == nil {
                if excluded.contains(field) || field.hasPrefix("Notes") || field.contains("Notes") { continue }
                let distinct = Set(units.values.flatMap(\.values))
                if !intervalFields.contains(field) && distinct.count > maximumCategories { continue }
            }
            let metric: KrippendorffAlpha.Metric = intervalFields.contains(field) ? .interval : .nominal
            var cleaned = units
            if metric == .interval {
                // Negative counts (e.g. -1 for "unknown" in Injuries) are missing, not numbers.
                cleaned = units.mapValues { $0.filter { (Double($0.value) ?? -1) >= 0 } }
            }
            result.append(AgreementData(field: field, metric: metric, units: cleaned))
        }
        return result
    }

    /// Case and surrounding space are not disagreements ("No" vs "no").
    static func normalise(_ value: String) -> String {
        value.trimmed.lowercased()
    }
}

/// Agreement data from human codings in the store: fields category, layer, lifecycle (nominal)
/// and severity (interval).
public enum HumanCodingAgreement {
    public static let fields = ["category", "layer", "lifecycle", "severity"]

    public static func data(from store: IncidentStore, fields wanted: [String]? = nil) throws -> [AgreementData] {
        let codings = try store.codings(origin: .human)
        return (wanted ?? fields).map { field in
            var units: [String: [String: String]] = [:]
            for c in codings {
                let value: String? = switch field {
                case "category": c.category
                case "layer": c.layer
                case "lifecycle": c.lifecycle
                case "severity": c.severity.map(String.init)
                default: nil
                }
                if let value { units[c.incidentID, default: [:]][c.coder] = value }
            }
            return AgreementData(field: field, metric: field == "severity" ? .interval : .nominal, units: units)
        }
    }
}
