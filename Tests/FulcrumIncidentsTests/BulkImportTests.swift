import Foundation
import GRDB
import Testing
@testable import FulcrumIncidents

/// The bulk write path of an import: rows bound through the C API (`BulkInsert`), machine
/// suggestions of new incidents computed on another thread while the rows are written, and the
/// full-text index built as one segment.
struct BulkImportTests {
    static func codingCount(_ store: IncidentStore) throws -> Int {
        try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM coding") ?? 0 }
    }

    @Test func awkwardTextIsStoredExactlyAndReimportsUnchanged() throws {
        let store = try TestSupport.scratchStore()
        var batch = ImportBatch()
        batch.incidents = [
            Incident(origin: "t", originID: "1", title: "NUL\u{0}inside", date: nil, description: ""),
            Incident(origin: "t", originID: "2", title: "Ünïcode “quotes” 'single' 🚗 crash", date: "2024-02-29",
                     description: "line one\nline two\r\n\ttab; DROP TABLE incident; --", reportText: "",
                     sourceURLs: ["https://example.org/a?b=c&d=e"], deployers: ["A; B", ""], modality: .audio,
                     systems: ["x|y"], duplicateOf: "t:1"),
        ]
        let first = try store.apply(batch, suggester: .builtIn)
        #expect(first.inserted == 2)
        // Bound with their byte counts: a NUL character does not cut the text short; the stored bytes
        // are checked directly, then every way of reading them back (GRDB alone stops at the NUL).
        let title = try store.queue.read { db in
            try Data.fetchOne(db, sql: "SELECT CAST(title AS BLOB) FROM incident WHERE id = 't:1'")
        }
        #expect(title == Data("NUL\u{0}inside".utf8))
        #expect(try store.incident(id: "t:1") == batch.incidents[0])
        #expect(try store.incident(id: "t:2") == batch.incidents[1])
        #expect(try store.allIncidents() == batch.incidents)
        #expect(try IncidentExport.jsonl(store: store).contains(#""title":"NUL\u0000inside""#))
        let hit = try #require(try store.search(IncidentQuery(text: "inside")).first)
        #expect(hit.title == "NUL\u{0}inside")
        #expect(hit.snippet.contains("\u{0}"))
        // Empty text stays text, not NULL (the column is NOT NULL, so a NULL would have failed the insert).
        let description = try store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT description FROM incident WHERE id = 't:1'")
        }
        #expect(description == "")
        #expect(try store.apply(batch, suggester: .builtIn).changes == 0)
        #expect(try store.search(IncidentQuery(text: "unicode quotes")).map(\.incidentID) == ["t:2"])
    }

    @Test func aBatchThatFailsHalfwayWritesNothing() throws {
        let store = try TestSupport.scratchStore()
        _ = try store.apply(RankingTests.batch(20), suggester: .builtIn)
        let codings = try Self.codingCount(store)
        // The same new incident twice: the second insert violates the unique id after the first
        // succeeded; the whole import must roll back.
        var batch = RankingTests.batch(5, origin: "dup")
        batch.incidents.append(batch.incidents[2])
        #expect(throws: IncidentError.self) { try store.apply(batch, suggester: .builtIn) }
        #expect(try store.incidentCount() == 20)
        #expect(try Self.codingCount(store) == codings)
        #expect(try store.search(IncidentQuery(text: "report", limit: 100)).count == 20)
    }

    @Test func suggestionsOfNewAndChangedIncidentsInOneImport() throws {
        let store = try TestSupport.scratchStore()
        var batch = ImportBatch()
        batch.incidents = [
            Incident(origin: "t", originID: "1", title: "Quiet incident", description: "nothing to see"),
            Incident(origin: "t", originID: "2", title: "Another", description: "still nothing"),
        ]
        _ = try store.apply(batch, suggester: .builtIn)
        #expect(try store.codings(origin: .machine).isEmpty)
        // One incident changes to mention a crash, one new incident mentions a collision.
        batch.incidents[0].description = "a fatal crash of a test vehicle"
        batch.incidents.append(Incident(origin: "t", originID: "3", title: "Collision", description: "two robots"))
        let summary = try store.apply(batch, suggester: .builtIn)
        #expect(summary.inserted == 1 && summary.updated == 1 && summary.unchanged == 1)
        #expect(summary.suggestionSetsChanged == 2)
        let suggested = try store.codings(origin: .machine)
        #expect(suggested.map(\.incidentID) == ["t:1", "t:3"])
        #expect(suggested.allSatisfy { $0.category == "baseline.life-safety" && $0.coder == "machine:text-cue" })
        #expect(suggested.map(\.rationale) == ["text cue 'fatal'", "text cue 'collision'"])
        #expect(try store.apply(batch, suggester: .builtIn).changes == 0)
    }

    @Test func anImportIsIndexedAsOneSegment() throws {
        let store = try TestSupport.scratchStore()
        let hashSize = try store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT v FROM incident_fts_config WHERE k = 'hashsize'")
        }
        #expect(hashSize == 64 << 20)
        // ~1.5 MB of pending terms: more than FTS5's default 1 MB, which would flush two segments.
        var batch = ImportBatch()
        batch.incidents = (0..<6_000).map { i in
            Incident(origin: "s", originID: String(i), title: "Case \(i)",
                     description: (0..<40).map { "w\((i * 31 + $0 * 7) % 5_000)" }.joined(separator: " "))
        }
        _ = try store.apply(batch)
        let segments = try store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM incident_fts_idx")
        }
        #expect(segments == 1)
    }
}
