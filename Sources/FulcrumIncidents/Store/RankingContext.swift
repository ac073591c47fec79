import GRDB

/// What the ranking function keeps per connection: the cached document lengths, the positions the
/// last ranking query recorded, and the tokenizer that turns those positions into snippet text.
/// Used only on the store's serial database queue, hence `@unchecked Sendable`.
final class RankingContext: @unchecked Sendable {
    let lengths = DocumentLengths()
    let matches = MatchPositions()
    private var cachedTokenizer: FTS5Tokenizer?

    /// The `incident_fts` tokenizer, as declared by the `v1-incidents` migration.
    func tokenizer(_ db: Database) throws -> FTS5Tokenizer {
        if let cachedTokenizer { return cachedTokenizer }
        let tokenizer = try FTS5Tokenizer(db, name: "unicode61", arguments: ["remove_diacritics", "2"])
        cachedTokenizer = tokenizer
        return tokenizer
    }
}
