import Foundation
import FulcrumCore
import GRDB

/// A full-text search over titles, descriptions and report text, with optional filters.
///
/// ```swift
/// let hits = try store.search(IncidentQuery(text: "voice clone scam", category: "integrity.disinformation-fraud"))
/// hits.first?.snippet   // "…a [voice] [clone] of the CEO…"
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
    /// Only incidents dated on or after this ISO date (`2023`, `2023-06`, `2023-06-01`); a period
    /// (`2022-2024`, `2022-`) counts when it has not ended before it.
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
    /// bm25 relevance, sign flipped so that larger is better (title matches weigh 10×, descriptions 4×);
    /// 0 when the search is not ranked (see `ranked`).
    public var score: Double
    /// False when every word of the query occurs in at least half of the incidents and in at least
    /// 5,000 of them: bm25 gives such words no weight (their IDF is floored at ~0), so the matches
    /// are listed most recently added first instead.
    public var ranked: Bool
    /// Best-matching fragment with matched terms between the highlight markers.
    public var snippet: String
}

extension IncidentStore {
    /// Drops the document counts searches remember (see `RankingContext`); the benchmark times
    /// searches as new queries this way. On the database queue, which owns that state.
    func forgetDocumentCounts() {
        queue.inDatabase { _ in ranking.forgetDocumentCounts() }
    }

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
        // probe the full-text index once per row. Rank first, then build snippets for the page of
        // results only: snippet() is costly and computing it for every match made common-word
        // searches 10× slower. `fulcrum_bm25` is bm25 with cached document lengths (BM25Ranking).
        let filters = """
            (:since IS NULL OR i.period_end >= :since)
              AND (:modality IS NULL OR i.modality = :modality)
              AND (:category IS NULL OR EXISTS (SELECT 1 FROM coding c WHERE c.incident_id = i.id
                   AND c.category = :category AND (:origin IS NULL OR c.origin = :origin)))
              AND (:lifecycle IS NULL OR EXISTS (SELECT 1 FROM coding c WHERE c.incident_id = i.id
                   AND c.lifecycle = :lifecycle AND (:origin IS NULL OR c.origin = :origin)))
            """
        func rankSQL(ranked: Bool, filtered: Bool) -> String {
            let rank = ranked ? "\(BM25Ranking.functionName)(incident_fts, 10.0, 4.0, 1.0)" : "0.0"
            let order = ranked ? "rank" : "incident_fts.rowid DESC"
            // Without filters the join is pure cost (a row fetch per match), so rank on the index alone.
            guard filtered else {
                return """
                    SELECT incident_fts.rowid AS pk, \(rank) AS rank
                    FROM incident_fts WHERE incident_fts MATCH :match ORDER BY \(order) LIMIT :limit
                    """
            }
            return """
                SELECT incident_fts.rowid AS pk, \(rank) AS rank
                FROM incident_fts CROSS JOIN incident i ON i.pk = incident_fts.rowid
                WHERE incident_fts MATCH :match AND \(filters)
                ORDER BY \(order)
                LIMIT :limit
                """
        }
        // Which of the given incidents (a JSON list of keys) pass the filters.
        let passingSQL = "SELECT i.pk FROM incident i WHERE i.pk IN (SELECT value FROM json_each(:keys)) AND \(filters)"
        let filtered = since != nil || query.modality != nil || query.category != nil || query.lifecycle != nil
        let snippetSQL = """
            SELECT i.id, \(ExactText.select("title", of: "i")), i.date, i.modality,
                   CAST(snippet(incident_fts, -1, :hs, :he, '…', 16) AS BLOB) AS snippet
            FROM incident_fts CROSS JOIN incident i ON i.pk = incident_fts.rowid
            WHERE incident_fts MATCH :match AND incident_fts.rowid = :pk
            """
        let limit = max(1, query.limit)
        // How many of the best matches a filtered search checks before it joins the filters into the ranking.
        let window = max(200, limit * 10)
        let filterArguments: StatementArguments = [
            "since": since, "modality": query.modality?.rawValue, "category": query.category,
            "lifecycle": query.lifecycle, "origin": query.codedBy?.rawValue,
        ]
        do {
            return try queue.read { db in
                // The ranking stops with `BM25Ranking.unrankable` when every phrase is too common to
                // tell the matches apart; those are listed most recently added first instead.
                let page = ["match": expression, "limit": filtered ? window : limit] as StatementArguments
                ranking.matches.reset()
                ranking.expression = expression
                defer { ranking.expression = nil }
                var common = false
                var ranked: [Row]
                do {
                    ranked = try Row.fetchAll(db.cachedStatement(sql: rankSQL(ranked: true, filtered: false)), arguments: page)
                } catch let error as DatabaseError where error.message == BM25Ranking.unrankable {
                    common = true
                    ranked = try Row.fetchAll(db.cachedStatement(sql: rankSQL(ranked: false, filtered: false)), arguments: page)
                }
                if filtered {
                    // Filter the best matches in rank order; only when too few of them pass, rank
                    // again with the filters joined. Exact either way: anything past the window
                    // ranks below everything in it.
                    let keys = "[" + ranked.map { String($0["pk"] as Int64) }.joined(separator: ",") + "]"
                    let passing = Set(try Int64.fetchAll(db.cachedStatement(sql: passingSQL),
                                                         arguments: filterArguments + ["keys": keys]))
                    let kept = ranked.filter { passing.contains($0["pk"]) }
                    if kept.count >= limit || ranked.count < window {
                        ranked = Array(kept.prefix(limit))
                    } else {
                        ranked = try Row.fetchAll(db.cachedStatement(sql: rankSQL(ranked: !common, filtered: true)),
                                                  arguments: filterArguments + ["match": expression, "limit": limit])
                    }
                }
                // Snippets from the positions the ranking recorded; FTS5's snippet() for unranked
                // listings, which record none.
                let columns = try db.cachedStatement(sql: """
                    SELECT id, \(ExactText.select("title")), date, modality, \(ExactText.select("description")),
                           \(ExactText.select("report_text")) FROM incident WHERE pk = ?
                    """)
                let snippets = try db.cachedStatement(sql: snippetSQL)
                return try ranked.compactMap { ranked -> SearchHit? in
                    let pk: Int64 = ranked["pk"]
                    let score = -(ranked["rank"] as Double)
                    if !common, let instances = self.ranking.matches.instances(of: pk) {
                        guard let row = try Row.fetchOne(columns, arguments: [pk]) else { return nil }
                        let tokenizer = try self.ranking.tokenizer(db)
                        let title = row.exactText("title")
                        let snippet = Snippet.make(columns: [title, row.exactText("description"), row.exactText("report_text")],
                                                   instances: instances, phraseSizes: self.ranking.matches.phraseSizes,
                                                   tokenRanges: tokenizer.tokenRanges, open: query.highlightStart,
                                                   close: query.highlightEnd)
                        return SearchHit(incidentID: row["id"], title: title, date: row["date"], modality: row["modality"],
                                         score: score, ranked: true, snippet: snippet)
                    }
                    guard let row = try Row.fetchOne(snippets, arguments: [
                        "hs": query.highlightStart, "he": query.highlightEnd, "match": expression, "pk": pk,
                    ]) else { return nil }
                    return SearchHit(incidentID: row["id"], title: row.exactText("title"), date: row["date"], modality: row["modality"],
                                     score: score, ranked: !common, snippet: row.exactText("snippet"))
                }
            }
        } catch let error as DatabaseError {
            // Only reachable with ftsSyntax (or a corrupt index): report, never crash.
            let hint = query.ftsSyntax ? " (FTS5 syntax; search without --syntax to match the words literally)" : ""
            throw IncidentError.invalidQuery(query: query.text, reason: (error.message ?? error.description) + hint)
        }
    }
}
