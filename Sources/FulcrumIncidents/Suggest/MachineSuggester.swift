import Foundation
import FulcrumCore
import GRDB

/// Turns foreign codes and text cues into machine suggestions (origin `machine`, coder
/// `machine:<source>`), one set per source and incident, replacing the previous set only when it
/// differs so that a re-import reports no change.
public struct MachineSuggester: Sendable {
    public let mapping: SuggestionMapping
    public let scale: GVSScale

    public static let builtIn = MachineSuggester(mapping: .builtIn, scale: .builtIn)

    /// All categories' text cues in one matcher, compiled once rather than per incident.
    private let textCues: CueMatcher

    public init(mapping: SuggestionMapping, scale: GVSScale = .builtIn) {
        self.mapping = mapping
        self.scale = scale
        textCues = CueMatcher(groups: mapping.textCues.map(\.cues))
    }

    /// Suggestions for one incident, grouped by coder, each with a rationale naming its evidence.
    public func suggestions(for incident: Incident, codes: [ForeignCode]) -> [String: [Coding]] {
        let stage = lifecycle(codes)
        var byCoder: [String: [String: String]] = [:]   // coder → category → rationale
        for rule in mapping.foreign {
            for code in codes where code.taxonomy == rule.taxonomy && code.field == rule.field && rule.matches(code.value) {
                let coder = Coding.machinePrefix + rule.source
                if byCoder[coder]?[rule.category] == nil {
                    byCoder[coder, default: [:]][rule.category] = "\(rule.taxonomy) \(rule.field) = '\(code.value)'"
                }
            }
        }
        let text = CueMatcher.bytes(incident.title + "\n" + incident.description)
        let starts = CueMatcher.wordStarts(text)
        for (rule, hit) in zip(mapping.textCues, textCues.firstMatches(in: text, wordStarts: starts)) {
            if let hit { byCoder[Coding.machinePrefix + "text-cue", default: [:]][rule.category] = "text cue '\(hit)'" }
        }
        return byCoder.mapValues { categories in
            categories.sorted { $0.key < $1.key }.map { category, rationale in
                Coding(incidentID: incident.id, category: category,
                       layer: scale.category(id: category)?.layerID ?? "", lifecycle: stage,
                       coder: "", rationale: rationale, origin: .machine)
            }
        }
    }

    /// The first lifecycle rule (in file order) matched by the incident's codes.
    func lifecycle(_ codes: [ForeignCode]) -> String? {
        for rule in mapping.lifecycle {
            if codes.contains(where: { $0.taxonomy == rule.taxonomy && $0.field == rule.field
                && rule.equals.contains($0.value) }) { return rule.stage }
        }
        return nil
    }

    /// Sources this suggester can produce; older sets from these coders are cleared when empty now.
    var coders: [String] {
        Array(Set(mapping.foreign.map { Coding.machinePrefix + $0.source } + [Coding.machinePrefix + "text-cue"])).sorted()
    }

    /// Suggestions for incidents of `batch` that the store does not hold yet, which therefore have
    /// none stored: a pure function of the batch (computed on all cores), so an import can compute
    /// it while the rows are being written.
    func suggestions(forNew ids: Set<String>, in batch: ImportBatch) -> NewSuggestions {
        let incidents = batch.incidents.filter { ids.contains($0.id) }
        var codes: [String: [ForeignCode]] = [:]
        for set in batch.foreignCodes where ids.contains(set.incidentID) { codes[set.incidentID, default: []] += set.codes }
        let computed = ParallelMap.map(incidents) { [codes] in suggestions(for: $0, codes: codes[$0.id] ?? []) }
        var result = NewSuggestions(incidentIDs: Set(incidents.map(\.id)))
        for byCoder in computed {
            for (coder, codings) in byCoder.sorted(by: { $0.key < $1.key }) where !codings.isEmpty {
                result.rows += codings.map { (coder, $0) }
                result.sets += 1
            }
        }
        return result
    }

    /// Recomputes suggestions of the given incidents inside the caller's transaction; returns the
    /// number of (incident, coder) sets that changed. Incidents in `new` get its rows inserted
    /// without first reading and deleting (they have none yet); the others are recomputed from the
    /// stored rows.
    func refresh(incidentIDs: Set<String>, new: NewSuggestions = NewSuggestions(), in db: Database,
                 now: String) throws -> Int {
        try IncidentStore.insertSuggestions(new.rows, in: db, now: now)
        var changed = new.sets
        let done = new.incidentIDs
        // Only the columns suggestions read: decoding the list columns would dominate large imports.
        let incidentStatement = try db.cachedStatement(sql: """
            SELECT origin, origin_id, \(ExactText.select("title")), \(ExactText.select("description"))
            FROM incident WHERE id = ?
            """)
        let codesStatement = try db.cachedStatement(sql: "SELECT taxonomy, field, value FROM foreign_code WHERE incident_id = ?")
        let coders = self.coders
        for id in incidentIDs.subtracting(done).sorted() {
            guard let row = try Row.fetchOne(incidentStatement, arguments: [id]) else { continue }
            let incident = Incident(origin: row["origin"], originID: row["origin_id"], title: row.exactText("title"),
                                    description: row.exactText("description"))
            let codes = try Row.fetchAll(codesStatement, arguments: [id])
                .map { ForeignCode(taxonomy: $0["taxonomy"], field: $0["field"], value: $0["value"]) }
            let byCoder = suggestions(for: incident, codes: codes)
            for coder in coders {
                if try IncidentStore.replaceSuggestions(byCoder[coder] ?? [], coder: coder, incidentID: id, in: db, now: now) {
                    changed += 1
                }
            }
        }
        return changed
    }
}

/// Machine suggestions computed for incidents new to the store (see `MachineSuggester.suggestions(forNew:in:)`).
struct NewSuggestions: Sendable {
    /// The incidents these are for, including those with no suggestion.
    var incidentIDs: Set<String> = []
    var rows: [(coder: String, coding: Coding)] = []
    /// Number of (incident, coder) sets among `rows`.
    var sets = 0
}

extension IncidentStore {
    /// Recomputes machine suggestions for every incident (after editing the mapping file).
    public func refreshSuggestions(_ suggester: MachineSuggester = .builtIn) throws -> Int {
        let now = Timestamp.string(Date())
        return try write { db in
            let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM incident"))
            return try suggester.refresh(incidentIDs: ids, in: db, now: now)
        }
    }
}
