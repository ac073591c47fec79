import GRDB

/// What the ranking function keeps per connection: the cached document lengths, the document
/// counts of recent searches' phrases, the positions the last ranking query recorded, and the
/// tokenizer that turns those positions into snippet text.
/// Used only on the store's serial database queue, hence `@unchecked Sendable`.
final class RankingContext: @unchecked Sendable {
    let lengths = DocumentLengths()
    let matches = MatchPositions()
    private var cachedTokenizer: FTS5Tokenizer?

    /// The match expression of the search running now, set by `IncidentStore.search` so that the
    /// ranking function can reuse its phrases' document counts; nil for any other query.
    var expression: String?
    /// Documents containing each phrase, by match expression: FTS5 stores no document frequency,
    /// so a search counts them by reading each phrase's whole list of documents (~0.5 ms per
    /// phrase at 100,000 incidents). Valid while the database is unchanged (`lengths.generation`).
    private var documentCounts: [String: [Int64]] = [:]
    private var countsGeneration = -1
    private static let rememberedExpressions = 1_000

    /// The counts for `expression` if they were counted since the database last changed.
    func cachedDocumentCounts() -> [Int64]? {
        guard let expression, countsGeneration == lengths.generation else { return nil }
        return documentCounts[expression]
    }

    /// Drops every remembered count (the benchmark times searches as new queries this way).
    func forgetDocumentCounts() { documentCounts.removeAll() }

    func rememberDocumentCounts(_ counts: [Int64]) {
        guard let expression else { return }
        if countsGeneration != lengths.generation || documentCounts.count >= Self.rememberedExpressions {
            documentCounts.removeAll()
            countsGeneration = lengths.generation
        }
        documentCounts[expression] = counts
    }

    /// The `incident_fts` tokenizer, as declared by the `v1-incidents` migration.
    func tokenizer(_ db: Database) throws -> FTS5Tokenizer {
        if let cachedTokenizer { return cachedTokenizer }
        let tokenizer = try FTS5Tokenizer(db, name: "unicode61", arguments: ["remove_diacritics", "2"])
        cachedTokenizer = tokenizer
        return tokenizer
    }
}
