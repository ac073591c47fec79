import Foundation
import GRDB
import GRDBSQLite

/// `fulcrum_bm25(incident_fts, w1, w2, w3)`: the same score as FTS5's built-in `bm25()` (k1 = 1.2,
/// b = 0.75, IDF floored at 1e-6, per-column weights, sign flipped so smaller is better), but each
/// row's token count comes from `DocumentLengths`, read once per connection, instead of a lookup in
/// the `%_docsize` table per matching row. That lookup was most of bm25's ~2 µs a row, so a search
/// matching 7,000 of 100,000 incidents took 17 ms to rank; with the cached lengths it takes ~3 ms.
enum BM25Ranking {
    static let functionName = "fulcrum_bm25"

    /// The error a ranking query stops with when every phrase of the query occurs in at least half
    /// of the incidents and in at least `unrankableDocuments` of them: bm25 floors all their IDFs,
    /// so every match would score ~0, and sorting them would cost ~0.2 µs each for nothing.
    static let unrankable = "fulcrum_bm25: every phrase of the query is too common to rank"
    static let unrankableDocuments = 5_000

    /// Registers the function on a connection (for the `incident_fts` table only: the lengths come from
    /// its docsize table). Rows missing from the cached lengths fall back to FTS5's own count. Each
    /// call also records the row's phrase positions in `context.matches` (see `MatchPositions`).
    static func register(in db: Database, context ranking: RankingContext) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        let context = Unmanaged.passRetained(ranking).toOpaque()
        let code = functionName.withCString { name in
            api.pointee.xCreateFunction!(api, name, context, rank, { Unmanaged<RankingContext>.fromOpaque($0!).release() })
        }
        guard code == SQLITE_OK else {
            Unmanaged<RankingContext>.fromOpaque(context).release()
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(functionName)")
        }
    }

    /// Per-query constants, computed on the first row and kept as FTS5 auxiliary data. Plain
    /// buffers rather than arrays: this is read for every matching row, and array reads through a
    /// class cost reference counting each time.
    private final class QueryConstants {
        let idf: UnsafeMutableBufferPointer<Double>
        let weights: UnsafeMutableBufferPointer<Double>
        let averageLength: Double
        /// The lengths as of the query's start; the table is kept alive by `table`.
        let table: LengthTable
        let lengths: UnsafeMutableBufferPointer<Int32>
        /// Scratch space for one row's phrase frequencies.
        let frequency: UnsafeMutableBufferPointer<Double>
        let matches: MatchPositions

        init(idf: [Double], weights: [Double], averageLength: Double, table: LengthTable, matches: MatchPositions) {
            self.idf = .allocate(capacity: idf.count)
            _ = self.idf.initialize(from: idf)
            self.weights = .allocate(capacity: weights.count)
            _ = self.weights.initialize(from: weights)
            self.averageLength = averageLength
            self.table = table
            lengths = table.counts
            frequency = .allocate(capacity: idf.count)
            self.matches = matches
        }

        deinit {
            idf.deallocate()
            weights.deallocate()
            frequency.deallocate()
        }
    }

    private static let k1 = 1.2
    private static let b = 0.75

    private static let rank: fts5_extension_function = { api, fts, result, argumentCount, arguments in
        guard let api, let fts else { return }
        let stored: UnsafeMutableRawPointer
        if let existing = api.pointee.xGetAuxdata!(fts, 0) {
            stored = existing
        } else {
            guard let constants = queryConstants(api, fts, result, argumentCount, arguments) else { return }
            stored = Unmanaged.passRetained(constants).toOpaque()
            _ = api.pointee.xSetAuxdata!(fts, stored) { Unmanaged<QueryConstants>.fromOpaque($0!).release() }
        }
        // The auxiliary data outlives this call, so no retain is needed to use it.
        Unmanaged<QueryConstants>.fromOpaque(stored)._withUnsafeGuaranteedRef { constants in
            // Each phrase's own position list, rather than xInst's list of all instances that FTS5
            // merges into position order on every row (a fifth of the ranking's time).
            let frequency = constants.frequency
            let rowid = api.pointee.xRowid!(fts)
            let matches = constants.matches
            matches.beginRow(rowid)
            for phrase in 0..<frequency.count {
                var total = 0.0
                var iterator = Fts5PhraseIter()
                var column: Int32 = 0, offset: Int32 = 0
                _ = api.pointee.xPhraseFirst!(fts, Int32(phrase), &iterator, &column, &offset)
                while column >= 0 {
                    total += Int(column) < constants.weights.count ? constants.weights[Int(column)] : 1
                    matches.add(phrase: Int32(phrase), column: column, offset: offset)
                    api.pointee.xPhraseNext!(fts, &iterator, &column, &offset)
                }
                frequency[phrase] = total
            }
            var length: Int32 = -1
            if rowid >= 0 && rowid < constants.lengths.count { length = constants.lengths[Int(rowid)] }
            if length < 0 && api.pointee.xColumnSize!(fts, -1, &length) != SQLITE_OK { length = 0 }
            let normalised = 1 - b + b * Double(length) / constants.averageLength
            var score = 0.0
            for i in 0..<constants.idf.count {
                score += constants.idf[i] * (frequency[i] * (k1 + 1)) / (frequency[i] + k1 * normalised)
            }
            sqlite3_result_double(result, -score)
        }
    }

    /// IDF per phrase (as FTS5's bm25 computes it: documents containing the phrase, counted once per
    /// query unless the context has them from an earlier run of the same search), the column
    /// weights, the mean document length and the current length table.
    private static func queryConstants(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, _ result: OpaquePointer?,
                                       _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) -> QueryConstants? {
        var rows: sqlite3_int64 = 0, tokens: sqlite3_int64 = 0
        guard api.pointee.xRowCount!(fts, &rows) == SQLITE_OK, api.pointee.xColumnTotalSize!(fts, -1, &tokens) == SQLITE_OK else {
            sqlite3_result_error(result, "\(functionName): cannot read index statistics", -1)
            return nil
        }
        let context = Unmanaged<RankingContext>.fromOpaque(api.pointee.xUserData!(fts)!).takeUnretainedValue()
        if let connection = sqlite3_context_db_handle(result) { context.lengths.refresh(connection) }
        // Counting a phrase's documents stops at `cap`: from half of the rows on its IDF is floored
        // anyway, so the exact count does not matter.
        let cap = max((rows + 1) / 2, sqlite3_int64(unrankableDocuments))
        let phrases = api.pointee.xPhraseCount!(fts)
        let counts = context.cachedDocumentCounts() ?? (0..<phrases).map { phrase in
            var count = (hits: sqlite3_int64(0), cap: cap)
            _ = api.pointee.xQueryPhrase!(fts, phrase, &count) { _, _, state in
                let count = state!.assumingMemoryBound(to: (hits: sqlite3_int64, cap: sqlite3_int64).self)
                count.pointee.hits += 1
                return count.pointee.hits >= count.pointee.cap ? SQLITE_DONE : SQLITE_OK
            }
            return count.hits
        }
        context.rememberDocumentCounts(counts)
        var idf: [Double] = []
        var allCommon = true
        for hits in counts {
            let value = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
            idf.append(value <= 0 ? 1e-6 : value)
            allCommon = allCommon && hits >= cap
        }
        if allCommon && !idf.isEmpty {
            sqlite3_result_error(result, unrankable, -1)
            return nil
        }
        let weights = (0..<Int(argumentCount)).map { sqlite3_value_double(arguments![$0]) }
        context.matches.reset(phraseSizes: (0..<phrases).map { Int(api.pointee.xPhraseSize!(fts, $0)) })
        return QueryConstants(idf: idf, weights: weights, averageLength: rows > 0 ? Double(tokens) / Double(rows) : 1,
                              table: context.lengths.table, matches: context.matches)
    }
}
