import Foundation
import FulcrumCore

/// Exports incidents with their human codings, machine suggestions and foreign codes.
///
/// ```swift
/// let jsonl = try IncidentExport.jsonl(store: store)     // one incident per line
/// let csv = try IncidentExport.csv(store: store)
/// ```
public enum IncidentExport {
    /// One exported record; `codings` are human, `suggestions` machine, never mixed.
    public struct Record: Codable, Sendable {
        public var incident: Incident
        public var codings: [Coding]
        public var suggestions: [Coding]
        public var foreignCodes: [ForeignCode]

        public init(incident: Incident, codings: [Coding], suggestions: [Coding], foreignCodes: [ForeignCode]) {
            self.incident = incident
            self.codings = codings
            self.suggestions = suggestions
            self.foreignCodes = foreignCodes
        }
    }

    public static func records(store: IncidentStore, origins: [String] = []) throws -> [Record] {
        let incidents = try store.allIncidents().filter { origins.isEmpty || origins.contains($0.origin) }
        let codings = Dictionary(grouping: try store.codings(), by: \.incidentID)
        return try incidents.map { incident in
            let all = codings[incident.id] ?? []
            return Record(incident: incident, codings: all.filter { $0.origin == .human },
                          suggestions: all.filter { $0.origin == .machine },
                          foreignCodes: try store.foreignCodes(incidentID: incident.id))
        }
    }

    public static func jsonl(store: IncidentStore, origins: [String] = []) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try records(store: store, origins: origins)
            .map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    public static let csvHeader = ["id", "origin", "origin_id", "title", "date", "modality", "description",
                                   "deployers", "developers", "harmed_parties", "systems", "source_urls",
                                   "duplicate_of", "human_codings", "consensus_category", "suggested_categories"]

    /// One row per incident; list fields joined with `; `, human codings as
    /// `coder=category/lifecycle/severity`.
    public static func csv(store: IncidentStore, origins: [String] = []) throws -> String {
        let records = try records(store: store, origins: origins)
        let rows = records.map { r -> [String] in
            let i = r.incident
            let consensus = r.codings.isEmpty ? nil : Consensus.entry(i.id, human: r.codings, suggestions: []).category
            return [i.id, i.origin, i.originID, i.title, i.date ?? "", i.modality?.rawValue ?? "", i.description,
                    i.deployers.joined(separator: "; "), i.developers.joined(separator: "; "),
                    i.harmedParties.joined(separator: "; "), i.systems.joined(separator: "; "),
                    i.sourceURLs.joined(separator: "; "), i.duplicateOf ?? "",
                    r.codings.map { "\($0.coder)=\($0.category)/\($0.lifecycle ?? "-")/\($0.severity.map(String.init) ?? "-")" }
                        .joined(separator: "; "),
                    consensus ?? "", Array(Set(r.suggestions.map(\.category))).sorted().joined(separator: "; ")]
        }
        return CSVWriter.document(header: csvHeader, rows: rows)
    }
}
