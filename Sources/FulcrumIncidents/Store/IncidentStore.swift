import Foundation
import FulcrumCore
import GRDB

/// The incident repository: one SQLite file (default `.fulcrum/incidents.sqlite`) holding incidents,
/// their foreign codes, human codings and machine suggestions, with an FTS5 index kept in sync by
/// the import (new rows, `indexNewIncidents`) and triggers (updates, deletes). Every statement binds
/// its values; no user text is ever spliced into SQL.
///
/// ```swift
/// let store = try IncidentStore(path: ".fulcrum/incidents.sqlite")
/// let summary = try AIIDImporter(directory: aiidURL).run(into: store)
/// let hits = try store.search(IncidentQuery(text: "deepfake voice"))
/// ```
public final class IncidentStore: Sendable {
    public static let defaultPath = ".fulcrum/incidents.sqlite"

    let queue: DatabaseQueue
    public let path: String
    /// State of `fulcrum_bm25` (see `BM25Ranking`), owned by the queue's one connection.
    let ranking = RankingContext()

    /// Opens (creating directories and the file if needed) and migrates the database.
    public init(path: String = IncidentStore.defaultPath) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let ranking = ranking
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.prepareDatabase { db in
                // WAL + NORMAL: a killed process loses at most the open transaction, never the file.
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
                // 64 MB page cache: FTS5 segment merges during a 100,000-row import stay in memory.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                try BM25Ranking.register(in: db, context: ranking)
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try IncidentSchema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw IncidentError.database("\(path): \(error.message ?? error.description)")
        }
    }

    /// Runs `body` in one write transaction, translating SQLite errors into `IncidentError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as DatabaseError {
            throw IncidentError.database("\(path): \(error.message ?? error.description)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as DatabaseError {
            throw IncidentError.database("\(path): \(error.message ?? error.description)")
        }
    }

    // MARK: - Writing (called inside a transaction by importers and coders)

    public enum Change: Sendable { case inserted, updated, unchanged }

    /// Stored content fingerprints of the batch's incidents. A large batch reads them in one scan
    /// instead of one indexed lookup per row; a small one into a large store looks each one up.
    static func storedHashes(of incidents: [Incident], in db: Database) throws -> [String: String] {
        var hashes: [String: String] = [:]
        if incidents.count >= 1_000 {
            let rows = try Row.fetchCursor(db, sql: "SELECT id, content_hash FROM incident")
            while let row = try rows.next() { hashes[row[0]] = row[1] as String }
            return hashes
        }
        let lookup = try db.cachedStatement(sql: "SELECT content_hash FROM incident WHERE id = ?")
        for incident in incidents {
            if let hash = try String.fetchOne(lookup, arguments: [incident.id]) { hashes[incident.id] = hash }
        }
        return hashes
    }

    /// The largest incident key so far: rows inserted later get larger keys (`pk` is an INTEGER PRIMARY KEY).
    static func lastIncidentKey(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(pk) FROM incident") ?? 0
    }

    /// Adds incidents inserted after `lastKey` to the full-text index in one statement (see the
    /// `v2-bulk-fts-insert` migration); every `upsert` insert must be followed by this call in the
    /// same transaction. Fails, rolling the transaction back, if the count differs from `expected`.
    static func indexNewIncidents(after lastKey: Int64, expected: Int, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO incident_fts(rowid, title, description, report_text)
            SELECT pk, title, description, report_text FROM incident WHERE pk > ?
            """, arguments: [lastKey])
        guard db.changesCount == expected else {
            throw IncidentError.database("full-text index: \(db.changesCount) new incidents indexed, \(expected) inserted")
        }
    }

    /// Inserts incidents the store does not hold yet, in batch order. They are not searchable
    /// until `indexNewIncidents` runs.
    static func insert(_ incidents: [PreparedIncident], in db: Database, now: String) throws {
        guard !incidents.isEmpty else { return }
        let insert = try BulkInsert(db, sql: """
            INSERT INTO incident (origin, origin_id, title, date, description, report_text, source_urls,
                deployers, developers, harmed_parties, systems, modality, duplicate_of, content_hash,
                updated_at, period_end, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for prepared in incidents { try insert.execute(columnValues(prepared, now: now)) }
    }

    /// Rewrites a stored incident whose content changed.
    static func update(_ prepared: PreparedIncident, in db: Database, now: String) throws {
        try db.cachedStatement(sql: """
            UPDATE incident SET origin = ?, origin_id = ?, title = ?, date = ?, description = ?, report_text = ?,
                source_urls = ?, deployers = ?, developers = ?, harmed_parties = ?, systems = ?, modality = ?,
                duplicate_of = ?, content_hash = ?, updated_at = ?, period_end = ?
            WHERE id = ?
            """).execute(arguments: StatementArguments(columnValues(prepared, now: now)))
    }

    /// The incident's stored columns in the order `insert` and `update` bind them, id last.
    private static func columnValues(_ prepared: PreparedIncident, now: String) -> [String?] {
        let incident = prepared.incident
        return [incident.origin, incident.originID, incident.title, incident.date, incident.description,
                incident.reportText, prepared.sourceURLs, prepared.deployers, prepared.developers,
                prepared.harmedParties, prepared.systems, incident.modality?.rawValue, incident.duplicateOf,
                prepared.hash, now, incident.periodEnd, incident.id]
    }

    /// Makes the incident's codes in `taxonomy` exactly `codes`; true when anything changed.
    static func replaceForeignCodes(_ codes: Set<ForeignCode>, taxonomy: String, incidentID: String,
                                    in db: Database) throws -> Bool {
        let rows = try Row.fetchAll(db.cachedStatement(sql:
            "SELECT field, value FROM foreign_code WHERE incident_id = ? AND taxonomy = ?"),
            arguments: [incidentID, taxonomy])
        let existing = Set(rows.map { ForeignCode(taxonomy: taxonomy, field: $0["field"], value: $0["value"]) })
        if existing == codes { return false }
        try db.cachedStatement(sql: "DELETE FROM foreign_code WHERE incident_id = ? AND taxonomy = ?")
            .execute(arguments: [incidentID, taxonomy])
        let insert = try db.cachedStatement(sql:
            "INSERT INTO foreign_code (incident_id, taxonomy, field, value) VALUES (?, ?, ?, ?)")
        for code in codes { try insert.execute(arguments: [incidentID, taxonomy, code.field, code.value]) }
        return true
    }

    /// Makes the machine suggestions of `coder` for an incident exactly `codings`; true when changed.
    /// Human codings are never touched here.
    static func replaceSuggestions(_ codings: [Coding], coder: String, incidentID: String, in db: Database,
                                   now: String) throws -> Bool {
        precondition(coder.hasPrefix(Coding.machinePrefix), "suggestions come from machine coders only")
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT category, lifecycle, rationale FROM coding
            WHERE incident_id = ? AND coder = ? AND origin = 'machine'
            """), arguments: [incidentID, coder])
        struct Key: Hashable { var category: String; var lifecycle: String?; var rationale: String? }
        let existing = Set(rows.map { Key(category: $0["category"], lifecycle: $0["lifecycle"], rationale: $0["rationale"]) })
        let wanted = Set(codings.map { Key(category: $0.category, lifecycle: $0.lifecycle, rationale: $0.rationale) })
        if existing == wanted { return false }
        try db.cachedStatement(sql: "DELETE FROM coding WHERE incident_id = ? AND coder = ? AND origin = 'machine'")
            .execute(arguments: [incidentID, coder])
        try insertSuggestions(codings, coder: coder, incidentID: incidentID, in: db, now: now)
        return true
    }

    static func insertSuggestions(_ codings: [Coding], coder: String, incidentID: String, in db: Database,
                                  now: String) throws {
        try insertSuggestions(codings.map { var c = $0; c.incidentID = incidentID; return (coder, c) }, in: db, now: now)
    }

    /// Inserts machine suggestions, each coding with its own incident id and the coder alongside.
    static func insertSuggestions(_ rows: [(coder: String, coding: Coding)], in db: Database, now: String) throws {
        precondition(rows.allSatisfy { $0.coder.hasPrefix(Coding.machinePrefix) }, "suggestions come from machine coders only")
        guard !rows.isEmpty else { return }
        let insert = try BulkInsert(db, sql: """
            INSERT INTO coding (incident_id, category, layer, lifecycle, severity, coder, rationale, origin, coded_at)
            VALUES (?, ?, ?, ?, NULL, ?, ?, 'machine', ?)
            """)
        for (coder, c) in rows { try insert.execute([c.incidentID, c.category, c.layer, c.lifecycle, coder, c.rationale, now]) }
    }

    // MARK: - Human coding

    /// Records (or replaces) `coding.coder`'s human coding of an incident after validating it
    /// against the scale.
    @discardableResult
    public func code(_ coding: Coding, scale: GVSScale = .builtIn) throws -> Coding {
        var coding = coding
        guard coding.origin == .human, !coding.coder.hasPrefix(Coding.machinePrefix),
              !coding.coder.trimmed.isEmpty else {
            throw IncidentError.invalidValue(field: "coder", value: coding.coder,
                                             expected: "a person's name (not empty, not starting with 'machine:')")
        }
        guard let category = scale.resolveCategory(coding.category) else {
            throw IncidentError.unknownCategory(coding.category)
        }
        coding.category = category.id
        coding.layer = category.layerID
        if let stage = coding.lifecycle, !scale.lifecycleStages.contains(where: { $0.id == stage }) {
            throw IncidentError.unknownLifecycleStage(stage)
        }
        if let severity = coding.severity, !Coding.severityRange.contains(severity) {
            throw IncidentError.invalidValue(field: "severity", value: String(severity), expected: "1…5")
        }
        let stored = coding
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE id = ?", arguments: [stored.incidentID]) != nil
            else { throw IncidentError.unknownIncident(stored.incidentID) }
            try db.execute(sql: "DELETE FROM coding WHERE incident_id = ? AND coder = ? AND origin = 'human'",
                           arguments: [stored.incidentID, stored.coder])
            try db.execute(sql: """
                INSERT INTO coding (incident_id, category, layer, lifecycle, severity, coder, rationale, origin, coded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'human', ?)
                """, arguments: [stored.incidentID, stored.category, stored.layer, stored.lifecycle, stored.severity,
                                 stored.coder, stored.rationale, Timestamp.string(stored.codedAt)])
        }
        return stored
    }

    // MARK: - Reading

    public func incident(id: String) throws -> Incident? {
        try read { db in try Row.fetchOne(db, sql: "SELECT \(Incident.storedColumns) FROM incident WHERE id = ?", arguments: [id])
                .map(Incident.init(row:)) }
    }

    public func incidentCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incident") ?? 0 }
    }

    /// All incidents ordered by id (origin, then number-aware).
    public func allIncidents() throws -> [Incident] {
        try read { db in try Row.fetchAll(db, sql: "SELECT \(Incident.storedColumns) FROM incident ORDER BY origin, length(origin_id), origin_id")
                .map(Incident.init(row:)) }
    }

    /// Codings, optionally of one incident and/or one origin.
    public func codings(incidentID: String? = nil, origin: CodingOrigin? = nil) throws -> [Coding] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM coding
                WHERE (?1 IS NULL OR incident_id = ?1) AND (?2 IS NULL OR origin = ?2)
                ORDER BY incident_id, origin, coder, category
                """, arguments: [incidentID, origin?.rawValue]).map(Coding.init(row:))
        }
    }

    public func foreignCodes(incidentID: String) throws -> [ForeignCode] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT taxonomy, field, value FROM foreign_code WHERE incident_id = ? ORDER BY taxonomy, field, value",
                             arguments: [incidentID])
                .map { ForeignCode(taxonomy: $0["taxonomy"], field: $0["field"], value: $0["value"]) }
        }
    }

    /// Every (incident, code) of the given taxonomies, for agreement and suggestion mapping.
    public func foreignCodes(taxonomies: [String]) throws -> [(incidentID: String, code: ForeignCode)] {
        try read { db in
            var result: [(incidentID: String, code: ForeignCode)] = []
            for taxonomy in taxonomies {
                let rows = try Row.fetchAll(db, sql: "SELECT incident_id, field, value FROM foreign_code WHERE taxonomy = ?",
                                            arguments: [taxonomy])
                result += rows.map { ($0["incident_id"], ForeignCode(taxonomy: taxonomy, field: $0["field"], value: $0["value"])) }
            }
            return result
        }
    }
}

extension Incident {
    /// The columns `init(row:)` reads, free text exactly (see `ExactText`).
    static let storedColumns = """
        id, origin, origin_id, \(ExactText.select("title")), date, \(ExactText.select("description")),
        \(ExactText.select("report_text")), source_urls, deployers, developers, harmed_parties, modality, systems,
        duplicate_of
        """

    init(row: Row) {
        self.init(origin: row["origin"], originID: row["origin_id"], title: row.exactText("title"), date: row["date"],
                  description: row.exactText("description"), reportText: row.exactText("report_text"),
                  sourceURLs: StoredLists.decode(row["source_urls"]), deployers: StoredLists.decode(row["deployers"]),
                  developers: StoredLists.decode(row["developers"]),
                  harmedParties: StoredLists.decode(row["harmed_parties"]), modality: (row["modality"] as String?).flatMap(Modality.init(rawValue:)),
                  systems: StoredLists.decode(row["systems"]), duplicateOf: row["duplicate_of"])
        id = row["id"]
    }
}

extension Coding {
    init(row: Row) {
        self.init(incidentID: row["incident_id"], category: row["category"], layer: row["layer"],
                  lifecycle: row["lifecycle"], severity: row["severity"], coder: row["coder"],
                  rationale: row["rationale"], origin: CodingOrigin(rawValue: row["origin"]) ?? .machine,
                  codedAt: Timestamp.date(row["coded_at"]) ?? Date(timeIntervalSince1970: 0))
    }
}

/// ISO 8601 timestamps as stored in the database.
enum Timestamp {
    static func string(_ date: Date) -> String { date.formatted(.iso8601) }
    static func date(_ string: String?) -> Date? { string.flatMap { try? Date($0, strategy: .iso8601) } }
}
