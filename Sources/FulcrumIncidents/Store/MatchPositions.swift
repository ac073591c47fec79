/// Where each phrase of a query occurs in each matching incident, as recorded by the ranking
/// function (`BM25Ranking`) while it scores the matches: it reads those positions anyway, and
/// keeping them lets a search build its snippets without FTS5's `snippet()`, which has to find
/// every phrase again for each result (~50 µs a result, a sixth of a search).
/// Holds the last ranking query of its connection only.
final class MatchPositions: @unchecked Sendable {
    /// One occurrence of a query phrase: its index in the query, the column (0 title,
    /// 1 description, 2 report text) and the token offset of its first token.
    struct Instance: Hashable {
        var phrase: Int
        var column: Int
        var offset: Int
    }

    /// Tokens per phrase of the recorded query (a quoted phrase spans several).
    private(set) var phraseSizes: [Int] = []
    // Recording runs once per occurrence of every match (~40,000 times in a search of 100,000
    // incidents). Swift arrays held by a class cost a dynamic exclusivity check and a uniqueness
    // check per append, which tripled the ranking's time, so the buffers are plain memory
    // behind `let` pointers.
    private let rowids = UnsafeMutablePointer<GrowingBuffer<Int64>>.allocate(capacity: 1)
    /// `packed[ends[i - 1] ..< ends[i]]` (phrase, column, offset triples) belong to `rowids[i]`.
    private let ends = UnsafeMutablePointer<GrowingBuffer<Int32>>.allocate(capacity: 1)
    private let packed = UnsafeMutablePointer<GrowingBuffer<Int32>>.allocate(capacity: 1)

    init() {
        rowids.initialize(to: GrowingBuffer())
        ends.initialize(to: GrowingBuffer())
        packed.initialize(to: GrowingBuffer())
    }

    deinit {
        for buffer in [ends, packed] { buffer.pointee.deallocate(); buffer.deinitialize(count: 1); buffer.deallocate() }
        rowids.pointee.deallocate()
        rowids.deinitialize(count: 1)
        rowids.deallocate()
    }

    /// Forgets the previous query's positions; called before each ranking query runs.
    func reset(phraseSizes: [Int] = []) {
        self.phraseSizes = phraseSizes
        rowids.pointee.count = 0
        ends.pointee.count = 0
        packed.pointee.count = 0
    }

    func beginRow(_ rowid: Int64) {
        rowids.pointee.append(rowid)
        ends.pointee.append(Int32(truncatingIfNeeded: packed.pointee.count))
    }

    func add(phrase: Int32, column: Int32, offset: Int32) {
        packed.pointee.append(phrase)
        packed.pointee.append(column)
        packed.pointee.append(offset)
        ends.pointee.base[ends.pointee.count - 1] = Int32(truncatingIfNeeded: packed.pointee.count)
    }

    /// The recorded occurrences in one incident, phrase by phrase; nil if the row was not recorded.
    func instances(of rowid: Int64) -> [Instance]? {
        // A page of results looks up ~20 rows among a few thousand: a scan is cheaper than
        // building an index over every match.
        let rows = rowids.pointee, ends = ends.pointee, packed = packed.pointee
        guard let row = (0..<rows.count).last(where: { rows.base[$0] == rowid }) else { return nil }
        let start = row == 0 ? 0 : Int(ends.base[row - 1])
        return stride(from: start, to: Int(ends.base[row]), by: 3)
            .map { Instance(phrase: Int(packed.base[$0]), column: Int(packed.base[$0 + 1]), offset: Int(packed.base[$0 + 2])) }
    }
}

/// Append-only memory for `MatchPositions`, doubled when full.
private struct GrowingBuffer<Element> {
    var base = UnsafeMutablePointer<Element>.allocate(capacity: 1_024)
    var count = 0
    var capacity = 1_024

    mutating func append(_ element: Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Frees the memory (the elements are plain integers: nothing to deinitialise).
    func deallocate() { base.deallocate() }
}
