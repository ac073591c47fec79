/// A search hit's snippet: the stretch of `tokens` tokens of one column that holds the most
/// different query phrases (then the most occurrences; the earlier column and position on a tie),
/// centred on what it holds, with each occurrence between the highlight markers and `…` where the
/// column goes on. Built from the positions the ranking recorded (`MatchPositions`) and the
/// column's token ranges from the index's own tokenizer, so it highlights exactly what matched.
enum Snippet {
    static func make(columns: [String], instances: [MatchPositions.Instance], phraseSizes: [Int],
                     tokenRanges: (String) -> [Range<Int>], open: String, close: String,
                     ellipsis: String = "…", tokens: Int = 16) -> String {
        func size(_ instance: MatchPositions.Instance) -> Int {
            instance.phrase < phraseSizes.count ? max(1, phraseSizes[instance.phrase]) : 1
        }
        // The best window starting at an occurrence: one pass over the occurrences in column and
        // position order, each window looking only at the few that fall inside it (a long report
        // can hold hundreds of occurrences).
        let instances = instances.sorted { ($0.column, $0.offset, $0.phrase) < ($1.column, $1.offset, $1.phrase) }
        var best: (score: Int, column: Int, first: Int, last: Int)?
        for (i, candidate) in instances.enumerated() where candidate.column < columns.count {
            var phrases = Set<Int>(), last = candidate.offset, j = i
            while j < instances.count, instances[j].column == candidate.column, instances[j].offset < candidate.offset + tokens {
                phrases.insert(instances[j].phrase)
                last = max(last, instances[j].offset + size(instances[j]))
                j += 1
            }
            let score = 1_000 * phrases.count + (j - i)
            if best == nil || score > best!.score { best = (score, candidate.column, candidate.offset, last) }
        }
        guard let best else {
            // Nothing recorded in these columns: the start of the first non-empty one.
            let text = columns.first { !$0.isEmpty } ?? ""
            return excerpt(text, tokenRanges(text), from: 0, tokens: tokens, marked: [], open: open, close: close,
                           ellipsis: ellipsis)
        }
        let text = columns[best.column]
        let ranges = tokenRanges(text)
        let centred = min(best.first, best.first - (tokens - (best.last - best.first)) / 2)
        let start = max(0, min(centred, ranges.count - tokens))
        let shown = start..<(start + tokens)
        let marked = instances.filter { $0.column == best.column }.map { $0.offset..<($0.offset + size($0)) }
            .filter { $0.overlaps(shown) }
        return excerpt(text, ranges, from: start, tokens: tokens, marked: marked, open: open, close: close, ellipsis: ellipsis)
    }

    /// Tokens `from ..< from + tokens` of `text` verbatim (with what lies between them), markers
    /// around each run of marked tokens, `ellipsis` where the text goes on.
    static func excerpt(_ text: String, _ ranges: [Range<Int>], from start: Int, tokens: Int, marked: [Range<Int>],
                        open: String, close: String, ellipsis: String) -> String {
        guard start < ranges.count else { return "" }
        let end = min(ranges.count, start + tokens)
        let bytes = Array(text.utf8)
        func slice(_ r: Range<Int>) -> String { String(decoding: bytes[r.clamped(to: 0..<bytes.count)], as: UTF8.self) }
        // A column shown from its start or to its end keeps what lies outside its first or last token.
        var out = start > 0 ? ellipsis : slice(0..<ranges[0].lowerBound)
        var openUntil = -1   // last token of the highlighted run in progress, -1 if none
        for token in start..<end {
            if token > start { out += slice(ranges[token - 1].upperBound..<ranges[token].lowerBound) }
            if openUntil < token, let run = marked.filter({ $0.contains(token) }).map(\.upperBound).max() {
                out += open
                openUntil = run - 1
            } else if openUntil >= token, let run = marked.filter({ $0.contains(token) }).map(\.upperBound).max() {
                openUntil = max(openUntil, run - 1)   // an overlapping occurrence extends the run
            }
            out += slice(ranges[token])
            if openUntil >= 0 && (token == openUntil || token == end - 1) {
                out += close
                openUntil = -1
            }
        }
        return out + (end < ranges.count ? ellipsis : slice(ranges[end - 1].upperBound..<bytes.count))
    }
}
