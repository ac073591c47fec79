import Foundation
import GRDB
import Testing
@testable import FulcrumIncidents

/// Snippets built from the positions the ranking recorded (`Snippet`, `MatchPositions`,
/// `FTS5Tokenizer`), and their use in searches.
struct SnippetTests {
    typealias Instance = MatchPositions.Instance

    /// Words separated by single spaces: token n is the n-th word.
    static func words(_ text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (i, byte) in text.utf8.enumerated() {
            if byte == 32 { if let s = start { ranges.append(s..<i); start = nil } } else if start == nil { start = i }
        }
        if let s = start { ranges.append(s..<text.utf8.count) }
        return ranges
    }

    static func make(_ columns: [String], _ instances: [Instance], sizes: [Int] = [1, 1, 1]) -> String {
        Snippet.make(columns: columns, instances: instances, phraseSizes: sizes, tokenRanges: words, open: "[", close: "]")
    }

    static let long = (0..<40).map { "w\($0)" }.joined(separator: " ")

    @Test func shortColumnIsShownWholeWithItsMatchMarked() {
        #expect(Self.make(["Voice clone used in phone scam", "", ""], [Instance(phrase: 0, column: 0, offset: 0)])
                == "[Voice] clone used in phone scam")
    }

    @Test func longColumnIsCutAroundTheMatchWithEllipses() {
        let snippet = Self.make(["", Self.long, ""], [Instance(phrase: 0, column: 1, offset: 20)])
        #expect(snippet == "…w13 w14 w15 w16 w17 w18 w19 [w20] w21 w22 w23 w24 w25 w26 w27 w28…")
        // At the start and the end of a column, no ellipsis on that side and still 16 tokens.
        #expect(Self.make(["", Self.long, ""], [Instance(phrase: 0, column: 1, offset: 1)])
                == "w0 [w1] w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15…")
        #expect(Self.make(["", Self.long, ""], [Instance(phrase: 0, column: 1, offset: 39)])
                == "…w24 w25 w26 w27 w28 w29 w30 w31 w32 w33 w34 w35 w36 w37 w38 [w39]")
    }

    @Test func phrasesAreMarkedAsOneRunAndOverlapsMerge() {
        // Phrase 0 spans two tokens ("voice clone"), phrase 1 one token that overlaps its end.
        let snippet = Self.make(["a voice clone scam", "", ""],
                                [Instance(phrase: 0, column: 0, offset: 1), Instance(phrase: 1, column: 0, offset: 2)],
                                sizes: [2, 1])
        #expect(snippet == "a [voice clone] scam")
        #expect(Self.make(["a b c d", "", ""], [Instance(phrase: 0, column: 0, offset: 1), Instance(phrase: 1, column: 0, offset: 2)])
                == "a [b] [c] d", "adjacent separate occurrences keep their own markers")
    }

    @Test func theStretchWithMoreDifferentPhrasesWins() {
        // The title holds phrase 0 only; the description holds phrases 0 and 1 close together.
        let snippet = Self.make(["alpha case", "x y alpha beta z", ""],
                                [Instance(phrase: 0, column: 0, offset: 0), Instance(phrase: 0, column: 1, offset: 2),
                                 Instance(phrase: 1, column: 1, offset: 3)])
        #expect(snippet == "x y [alpha] [beta] z")
        // Hundreds of occurrences of one phrase do not outweigh the one place where both occur.
        let words = (0..<600).map { $0 == 301 ? "beta" : $0 % 2 == 0 ? "alpha" : "w\($0)" }.joined(separator: " ")
        let many = (0..<300).map { Instance(phrase: 0, column: 1, offset: 2 * $0) } + [Instance(phrase: 1, column: 1, offset: 301)]
        #expect(Self.make(["", words, ""], many.reversed()).contains("[alpha] [beta]"))
        // On a tie the earlier column wins.
        #expect(Self.make(["alpha case", "x alpha", ""],
                          [Instance(phrase: 0, column: 0, offset: 0), Instance(phrase: 0, column: 1, offset: 1)])
                == "[alpha] case")
    }

    @Test func withoutRecordedPositionsTheFirstTextIsShown() {
        #expect(Self.make(["", "plain words here", ""], []) == "plain words here")
    }

    @Test func tokenizerFindsTheIndexTokens() throws {
        let store = try TestSupport.scratchStore()
        let ranges = try store.queue.read { db in try store.ranking.tokenizer(db).tokenRanges("Résumé, self-harm! 42") }
        let text = Array("Résumé, self-harm! 42".utf8)
        #expect(ranges.map { String(decoding: text[$0], as: UTF8.self) } == ["Résumé", "self", "harm", "42"])
    }

    @Test func searchSnippetsMarkExactlyTheMatchedWords() throws {
        let store = try SearchTests.store()
        let resume = try store.search(IncidentQuery(text: "resume"))
        #expect(resume.map(\.snippet) == ["[Résumé] screening bias"], "diacritics fold as in the index")
        let phrase = try store.search(IncidentQuery(text: "\"wrong store\" hours", ftsSyntax: true, highlightStart: "<", highlightEnd: ">"))
        #expect(phrase.map(\.snippet) == ["Chatbot gives <wrong store> <hours>"])
        let report = try store.search(IncidentQuery(text: "audit"))
        #expect(report.map(\.snippet) == ["Follow-up reports mention an [audit]."], "report text is a snippet column too")
        // Real data: every marked run is one of the query's words.
        for (query, words) in [("voice clone", ["voice", "clone"]), ("facial recognition", ["facial", "recognition"])] {
            let hits = try TestSupport.realStore.search(IncidentQuery(text: query, limit: 10))
            #expect(!hits.isEmpty)
            for hit in hits {
                let marked = hit.snippet.matches(of: /\[([^\]]*)\]/).map { String($0.1).lowercased() }
                #expect(!marked.isEmpty && marked.allSatisfy { words.contains($0) }, "\(hit.snippet)")
            }
        }
    }
}
