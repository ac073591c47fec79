import Foundation
import FulcrumCore
import GRDB

/// A full-text search over titles, descriptions and report text, with optional filters.
///
/// ```swift
/// let hits = try store.search(IncidentQuery(text: "voice clone scam", category: "integrity.disinformation-fraud"))
/// hits.first?.snippet   // "… a [voice] [clone] of the CEO …"
/// ```
public struct IncidentQuery: Sendable, Hashable {
    /// The user's words. By default each word is quoted, so FTS5 operators and punctuation are
    /// matched as plain text and no input can cause a syntax error.
    public var text: String
    /// Pass `text` to FTS5 unchanged (AND/OR/NOT, "phrases", prefix*, NEAR); syntax errors are
    /// reported as `IncidentError.invalidQuery`.
    public var ftsSyntax: Bool
    /// GVS category id (human code or machine suggestion, see `codedBy`).
    public var category: String?
    public var lifecycle: String?
    public var modality: Modality?
    /// Only incidents dated on or after this ISO date (`2023`, `2023-06`, `2023-06-01`).
    public var since: String?
    /// Which codings the category/lifecycle filters look at; nil for both.
    public var codedBy: CodingOrigin?
    public var limit: Int
    public var highlightStart: String
    public var highlightEnd: String

    public init(text: String, ftsSyntax: Bool = false, category: String? = nil, lifecycle: String? = nil,
                modality: Modality? = nil, since: String? = nil, codedBy: CodingOrigin? = nil, limit: Int = 20,
                highlightStart: String = "[", highlightEnd: String = "]") {
        self.text = text
        self.ftsSyntax = ftsSyntax
        self.category = category
        self.lifecycle = lifecycle
        self.modality = modality
        self.since = since
        self.codedBy = codedBy
        self.limit = limit
        self.highlightStart = highlightStart
        self.highlightEnd = highlightEnd
    }

    /// The FTS5 match expression: user words as quoted strings (implicit AND), quotes doubled.
    public var matchExpression: String {
        if ftsSyntax { return text }
        return text.split(whereSeparator: { $0.isWhitespace })
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }
}

/// One ranked search result.
public struct SearchHit: Codable, Sendable, Hashable {
    public var incidentID: String
    public var title: String
    public var date: String?
    public var modality: String?
    /// bm25 relevance, sign flipped so that larger is better (title matches weigh 10×, descriptions 4×).
    public var score: Double
    /// Best-matching fragment with matched terms between the highlight markers.
    public var snippet: String
}

extension IncidentStore {
    public func search(_ query: IncidentQuery) throws -> [SearchHit] {
        let expression = query.matchExpression
        guard !expression.trimmed.isEmpty else {
            throw IncidentError.invalidQuery(query: query.text, reason: "the query has no words")
        }
        let since = try query.since.map { raw -> String in
            do { return try FieldParsing.date(raw) ?? raw } catch let p as ParseProblem {
                throw IncidentError.invalidValue(field: "--since", value: raw, expected: p.reason)
            }
        }
        // CROSS JOIN fixes the loop order (FTS outer): otherwise SQLite may scan every incident and
        // probe the full-text index once per row. Rank first, then build snippets for the page of results only: snippet() is costly and
        // computing it for every match made common-word searches 10× slower.
        let rankSQL = """
            SELECT incident_fts.rowid AS pk, bm25(incident_fts, 10.0, 4.0, 1.0) AS rank
            FROM incident_fts CROSS JOIN incident i ON i.pk = incident_fts.rowid
            WHERE incident_fts MATCH :match
              AND (:since IS NULL OR i.date >= :since)
              AND (:modality IS NULL OR i.modality = :modality)
              AND (:category IS NULL OR EXISTS (SELECT 1 FROM coding c WHERE c.incident_id = i.id
                   AND c.category = :category AND (:origin IS NULL OR c.origin = :origin)))
              AND (:lifecycle IS NULL OR EXISTS (SELECT 1 FROM coding c WHERE c.incident_id = i.id
                   AND c.lifecycle = :lifecycle AND (:origin IS NULL OR c.origin = :origin)))
            ORDER BY rank
            LIMIT :limit
            """
        // Without filters the join is pure cost (a row fetch per match), so rank on the index alone.
        let unfiltered = since == nil && query.modality == nil && query.category == nil && query.lifecycle == nil
        let plainRankSQL = """
            SELECT rowid AS pk, bm25(incident_fts, 10.0, 4.0, 1.0) AS rank
            FROM incident_fts WHERE incident_fts MATCH :match ORDER BY rank LIMIT :limit
            """
        let snippetSQL = """
            SELECT i.id, i.title, i.date, i.modality, snippet(incident_fts, -1, :hs, :he, '…', 16) AS snippet
            FROM incident_fts CROSS JOIN incident i ON i.pk = incident_fts.rowid
            WHERE incident_fts MATCH :match AND incident_fts.rowid = :pk
            """
        let arguments: StatementArguments = [
            "match": expression, "since": since,
            "modality": query.modality?.rawValue, "category": query.category, "lifecycle": query.lifecycle,
            "origin": query.codedBy?.rawValue, "limit": max(1, query.limit),
        ]
        do {
            return try queue.read { db in
                let ranked = unfiltered
                    ? try Row.fetchAll(db.cachedStatement(sql: plainRankSQL),
                                       arguments: ["match": expression, "limit": max(1, query.limit)])
                    : try Row.fetchAll(db.cachedStatement(sql: rankSQL), arguments: arguments)
                let snippets = try db.cachedStatement(sql: snippetSQL)
                return try ranked.compactMap { ranked -> SearchHit? in
                    guard let row = try Row.fetchOne(snippets, arguments: [
                        "hs": query.highlightStart, "he": query.highlightEnd, "match": expression, "pk": ranked["pk"] as Int64,
                    ]) else { return nil }
                    return SearchHit(incidentID: row["id"], title: row["title"], date: row["date"], modality: row["modality"],
                                     score: -(ranked["rank"] as Double), snippet: row["snippet"])
                }
            }
        } catch let error as DatabaseError {
            // Only reachable with ftsSyntax (or a corrupt index): report, never crash.
            let hint = query.ftsSyntax ? " (FTS5 syntax; search without --syntax to match the words literally)" : ""
            throw IncidentError.invalidQuery(query: query.text, reason: (error.message ?? error.description) + hint)
        }
    }
}
