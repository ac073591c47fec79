import Foundation
import FulcrumCore
import GRDB

/// Per-file accounting: every record of a file is either accepted or skipped.
public struct FileCount: Codable, Sendable, Hashable {
    public var path: String
    public var records: Int
    public var accepted: Int
    public var skipped: Int
}

/// What an importer parsed, before it touches the database.
public struct ImportBatch: Sendable {
    public var incidents: [Incident] = []
    /// Foreign codes per (incident, taxonomy); the stored set for that pair is replaced by this one.
    public var foreignCodes: [ForeignCodeSet] = []
    /// Rows an importer refused, with where and why: never dropped silently.
    public var skipped: [LineProblem] = []
    public var files: [FileCount] = []

    public struct ForeignCodeSet: Sendable {
        public var incidentID: String
        public var taxonomy: String
        public var codes: Set<ForeignCode>
    }

    public init() {}

    mutating func count(path: String, records: Int, skipped: Int) {
        files.append(FileCount(path: path, records: records, accepted: records - skipped, skipped: skipped))
    }
}

/// The outcome of an import: what changed and what was refused.
public struct ImportSummary: Codable, Sendable, Hashable {
    public var files: [FileCount] = []
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var foreignCodeSetsChanged = 0
    public var suggestionSetsChanged = 0
    public var skipped: [LineProblem] = []

    /// Changes to stored data; zero on a re-import of the same files.
    public var changes: Int { inserted + updated + foreignCodeSetsChanged + suggestionSetsChanged }

    public var text: String {
        var lines = files.map { "\($0.path): \($0.records) records, \($0.accepted) accepted, \($0.skipped) skipped" }
        lines.append("incidents: \(inserted) new, \(updated) updated, \(unchanged) unchanged; "
                     + "foreign-code sets changed: \(foreignCodeSetsChanged); machine-suggestion sets changed: "
                     + "\(suggestionSetsChanged); total changes: \(changes)")
        if !skipped.isEmpty {
            lines.append("skipped \(skipped.count) row(s):")
            lines += skipped.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

extension IncidentStore {
    /// Applies a batch in one transaction (all or nothing, so a killed import leaves the previous
    /// state intact), then refreshes machine suggestions of the incidents it touched.
    public func apply(_ batch: ImportBatch, suggester: MachineSuggester? = nil) throws -> ImportSummary {
        var summary = ImportSummary()
        summary.files = batch.files
        summary.skipped = batch.skipped
        let now = Timestamp.string(Date())
        try write { db in
            // Fingerprints are pure per-row work (all cores); the writes stay on this one connection.
            let prepared = ParallelMap.map(batch.incidents, PreparedIncident.init)
            let stored = try Self.storedHashes(of: batch.incidents, in: db)
            let new = prepared.filter { stored[$0.incident.id] == nil }
            let newIDs = Set(new.map(\.incident.id))
            // Suggestions for new incidents depend on the batch alone: they are computed on the other
            // core while this one writes the rows.
            let newSuggestions = suggester.map { suggester in
                BackgroundWork { suggester.suggestions(forNew: newIDs, in: batch) }
            }
            var touched = newIDs
            let lastKeyBefore = try Self.lastIncidentKey(in: db)
            try Self.insert(new, in: db, now: now)
            summary.inserted = new.count
            for item in prepared {
                guard let hash = stored[item.incident.id] else { continue }
                if hash == item.hash {
                    summary.unchanged += 1
                } else {
                    try Self.update(item, in: db, now: now)
                    summary.updated += 1
                    touched.insert(item.incident.id)
                }
            }
            try Self.indexNewIncidents(after: lastKeyBefore, expected: summary.inserted, in: db)
            for set in batch.foreignCodes {
                guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM incident WHERE id = ?"),
                                        arguments: [set.incidentID]) != nil else {
                    // Importers check this while parsing; this guards a batch built by other code.
                    throw IncidentError.unknownIncident(set.incidentID)
                }
                if try Self.replaceForeignCodes(set.codes, taxonomy: set.taxonomy, incidentID: set.incidentID, in: db) {
                    summary.foreignCodeSetsChanged += 1
                    touched.insert(set.incidentID)
                }
            }
            if let suggester, let newSuggestions {
                summary.suggestionSetsChanged = try suggester.refresh(incidentIDs: touched, new: newSuggestions.value,
                                                                      in: db, now: now)
            }
        }
        return summary
    }

    /// Ids already stored, so classification rows for incidents imported earlier are accepted.
    func knownIncidentIDs(origin: String) throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM incident WHERE origin = ?", arguments: [origin])) }
    }
}
