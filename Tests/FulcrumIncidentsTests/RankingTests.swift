import Foundation
import GRDB
import Testing
@testable import FulcrumIncidents

/// `fulcrum_bm25` against FTS5's own `bm25()`, the filtered-search shortcut against a plain filter
/// of the full ranking, and the unranked listing of searches made only of very common words.
struct RankingTests {
    /// `count` incidents: every one says "report"; every third "alpha" (some in the title, some
    /// twice); every fifth "beta"; descriptions of varying length, some over 127 tokens so their
    /// stored counts take multi-byte varints; dates spread over 2015–2024.
    static func batch(_ count: Int, origin: String = "r") -> ImportBatch {
        var batch = ImportBatch()
        batch.incidents = (0..<count).map { i in
            var words = ["report", "number", "w\(i % 17)"]
            if i % 3 == 0 { words.append("alpha") }
            if i % 9 == 0 { words.append("alpha") }
            if i % 5 == 0 { words.append("beta") }
            words += Array(repeating: "filler", count: i % 7 == 0 ? 140 : i % 11)
            return Incident(origin: origin, originID: String(i), title: i % 12 == 0 ? "Alpha case \(i)" : "Case \(i)",
                            date: "\(2015 + i % 10)-01-01", description: words.joined(separator: " "),
                            modality: i % 4 == 0 ? .image : .text)
        }
        return batch
    }

    static func scores(_ store: IncidentStore, _ match: String) throws -> [(Int64, Double, Double)] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT rowid, bm25(incident_fts, 10.0, 4.0, 1.0) AS a, fulcrum_bm25(incident_fts, 10.0, 4.0, 1.0) AS b
                FROM incident_fts WHERE incident_fts MATCH ?
                """, arguments: [match]).map { ($0[0], $0[1], $0[2]) }
        }
    }

    @Test func sameScoresAsFTS5Bm25AndFreshAfterChanges() throws {
        let store = try TestSupport.scratchStore()
        _ = try store.apply(Self.batch(400))
        for match in ["alpha", "beta alpha", "report", "filler", "alpha OR w3", "\"alpha case\"", "report NOT beta",
                      "NEAR(alpha filler, 2)", "alpha*", "zzz"] {
            let rows = try Self.scores(store, match)
            #expect(match == "zzz" ? rows.isEmpty : !rows.isEmpty, "\(match)")
            #expect(rows.allSatisfy { abs($0.1 - $0.2) <= 1e-9 * max(1, abs($0.1)) }, "\(match)")
        }
        // Change lengths and add rows: the cached counts must follow, in this connection and another.
        var changed = Self.batch(400)
        changed.incidents[7].description += String(repeating: " alpha", count: 300)
        changed.incidents += Self.batch(50, origin: "s").incidents
        _ = try store.apply(changed)
        let other = try IncidentStore(path: store.path)
        _ = try other.apply(Self.batch(30, origin: "u"))
        for match in ["alpha", "filler report"] {
            #expect(try Self.scores(store, match).allSatisfy { abs($0.1 - $0.2) <= 1e-9 * max(1, abs($0.1)) }, "\(match)")
        }
        #expect(try Self.scores(store, "alpha").count == 134 + 17 + 10 + 1, "every third, plus the one given 300 alphas")
        // The index still agrees with the table after bulk inserts and trigger updates.
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO incident_fts(incident_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// A search reuses its phrases' document counts until the database changes (by this
    /// connection or another); the scores must stay those of bm25() throughout.
    @Test func reusedDocumentCountsNeverOutliveAChange() throws {
        let store = try TestSupport.scratchStore()
        _ = try store.apply(Self.batch(400))
        func expected() throws -> [Double] {
            try Self.scores(store, "\"alpha\" \"report\"").map { -$0.1 }.sorted(by: >).prefix(20).map { $0 }
        }
        func searched() throws -> [Double] { try store.search(IncidentQuery(text: "alpha report")).map(\.score) }
        func same(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 } }
        let first = try searched()
        #expect(same(first, try expected()))
        #expect(same(try searched(), first), "counts reused")
        // Another connection adds incidents with "alpha": the document counts (and scores) change.
        let other = try IncidentStore(path: store.path)
        _ = try other.apply(Self.batch(300, origin: "o"))
        let after = try searched()
        #expect(!same(after, first))
        #expect(same(after, try expected()))
        // And a change through this connection.
        _ = try store.apply(Self.batch(90, origin: "p"))
        #expect(same(try searched(), try expected()))
    }

    @Test func varintsOfTheDocsizeTable() {
        let bytes: [UInt8] = [0x05, 0x82, 0x2C, 0x00, 0x81, 0x80, 0x00]   // 5, 300, 0, 16384
        #expect(bytes.withUnsafeBytes { DocumentLengths.sumOfVarints($0) } == 5 + 300 + 16_384)
        let tooLong: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        #expect(tooLong.withUnsafeBytes { DocumentLengths.sumOfVarints($0) } == -1)
    }

    /// Filtered searches look at the best matches first and fall back to a joined ranking when too
    /// few pass; both must give exactly the best filtered matches.
    @Test func filteredSearchEqualsFilteringTheFullRanking() throws {
        let store = try TestSupport.scratchStore()
        _ = try store.apply(Self.batch(2_400))
        let all = try store.search(IncidentQuery(text: "alpha", limit: 10_000))
        #expect(all.count == 800 && all.allSatisfy(\.ranked))
        let byID = try Dictionary(uniqueKeysWithValues: all.map { hit in (hit.incidentID, try #require(try store.incident(id: hit.incidentID))) })
        for (query, keep) in [
            // Most pass; then none of the best 200 pass (they are the even-numbered title matches), so
            // the search falls back to ranking with the filter joined.
            (IncidentQuery(text: "alpha", since: "2016"), { (i: Incident) in i.date! >= "2016" }),
            (IncidentQuery(text: "alpha", since: "2024"), { (i: Incident) in i.date! >= "2024" }),
            (IncidentQuery(text: "alpha", modality: .image), { (i: Incident) in i.modality == .image }),
        ] {
            // Equal scores may come in any order, so compare scores, and check every hit passes.
            let expected = all.filter { keep(byID[$0.incidentID]!) }.prefix(20)
            let got = try store.search(query)
            let label = "\(query.since ?? "") \(query.modality?.rawValue ?? "")"
            #expect(got.count == expected.count, "\(label)")
            #expect(zip(got, expected).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(label)")
            #expect(try got.allSatisfy { keep(try #require(try store.incident(id: $0.incidentID))) }, "\(label)")
        }
    }

    @Test func searchesOfOnlyVeryCommonWordsAreListedUnrankedNewestFirst() throws {
        let store = try TestSupport.scratchStore()
        _ = try store.apply(Self.batch(BM25Ranking.unrankableDocuments + 100))
        let common = try store.search(IncidentQuery(text: "report number", limit: 3))
        #expect(common.map(\.incidentID) == ["r:5099", "r:5098", "r:5097"])
        #expect(common.allSatisfy { !$0.ranked && $0.score == 0 })
        let either = try store.search(IncidentQuery(text: "report OR number", ftsSyntax: true, limit: 3))
        #expect(either.map(\.incidentID) == ["r:5099", "r:5098", "r:5097"] && either.allSatisfy { !$0.ranked })
        let mixed = try store.search(IncidentQuery(text: "report beta", limit: 3))
        #expect(mixed.allSatisfy(\.ranked) && mixed[0].score >= mixed[2].score && mixed[0].score > 0)
        // Small stores are always ranked, whatever the share.
        let small = try TestSupport.scratchStore()
        _ = try small.apply(Self.batch(30))
        #expect(try small.search(IncidentQuery(text: "report")).allSatisfy(\.ranked))
    }
}
