import Foundation
import Testing
@testable import FulcrumIncidents

struct SearchTests {
    /// Four small incidents with known words, coded so filters can be checked.
    static func store() throws -> IncidentStore {
        let store = try TestSupport.scratchStore()
        var batch = ImportBatch()
        batch.incidents = [
            Incident(origin: "t", originID: "1", title: "Voice clone used in phone scam", date: "2023-04-01",
                     description: "Callers heard a cloned voice of a relative asking for money.", modality: .audio),
            Incident(origin: "t", originID: "2", title: "Chatbot gives wrong store hours", date: "2021-02-02",
                     description: "A retail chatbot repeated wrong hours; one customer mentioned a voice message.",
                     modality: .text),
            Incident(origin: "t", originID: "3", title: "Résumé screening bias", date: "2019-06-01",
                     description: "Screening software ranked candidates unfairly. Operators said \"NEAR\" and OR AND.",
                     reportText: "Follow-up reports mention an audit."),
            Incident(origin: "t", originID: "4", title: "Image tagger mislabels photos", date: "2024-01-01",
                     description: "Holiday photos were tagged with offensive labels.", modality: .image),
        ]
        _ = try store.apply(batch)
        try store.code(Coding(incidentID: "t:1", category: "disinformation-fraud", layer: "", lifecycle: "deployment",
                              coder: "alice", origin: .human))
        try store.code(Coding(incidentID: "t:3", category: "bias-discrimination", layer: "", lifecycle: "data",
                              coder: "alice", origin: .human))
        return store
    }

    @Test func titleMatchesOutrankDescriptionMatchesAndSnippetsHighlight() throws {
        let hits = try Self.store().search(IncidentQuery(text: "voice"))
        #expect(hits.map(\.incidentID) == ["t:1", "t:2"], "title hit (weight 10) ranks above description hit")
        #expect(hits[0].score > hits[1].score)
        #expect(hits[0].snippet.contains("[Voice]") || hits[0].snippet.contains("[voice]"))
        #expect(hits[1].snippet.contains("[voice]"))
    }

    @Test func allWordsMustMatchAndDiacriticsFold() throws {
        let store = try Self.store()
        #expect(try store.search(IncidentQuery(text: "chatbot hours")).map(\.incidentID) == ["t:2"])
        #expect(try store.search(IncidentQuery(text: "chatbot photos")).isEmpty)
        #expect(try store.search(IncidentQuery(text: "resume")).map(\.incidentID) == ["t:3"])
        #expect(try store.search(IncidentQuery(text: "audit")).map(\.incidentID) == ["t:3"], "report text is searched")
    }

    @Test func filters() throws {
        let store = try Self.store()
        #expect(try store.search(IncidentQuery(text: "voice", category: "integrity.disinformation-fraud")).map(\.incidentID) == ["t:1"])
        #expect(try store.search(IncidentQuery(text: "voice", lifecycle: "deployment")).map(\.incidentID) == ["t:1"])
        #expect(try store.search(IncidentQuery(text: "voice", modality: .text)).map(\.incidentID) == ["t:2"])
        #expect(try store.search(IncidentQuery(text: "voice", since: "2022")).map(\.incidentID) == ["t:1"])
        // This store has no machine suggestions (imported without a suggester): only alice's code matches.
        #expect(try store.search(IncidentQuery(text: "voice", category: "integrity.disinformation-fraud", codedBy: .machine)).isEmpty)
        #expect(try store.search(IncidentQuery(text: "voice", category: "integrity.disinformation-fraud", codedBy: .human))
            .map(\.incidentID) == ["t:1"])
        #expect(throws: IncidentError.self) { try store.search(IncidentQuery(text: "voice", since: "last year")) }
    }

    @Test func userTextWithFTSOperatorsOrSQLIsHarmless() throws {
        let store = try Self.store()
        for text in ["\"unclosed", "NEAR(", "OR AND", "voice*", "'; DROP TABLE incident; --", "title:voice", "(", "^"] {
            _ = try store.search(IncidentQuery(text: text))   // must not throw or crash
        }
        #expect(try store.search(IncidentQuery(text: "OR AND")).map(\.incidentID) == ["t:3"], "operators matched as words")
        #expect(try store.incidentCount() == 4)
        #expect(throws: IncidentError.self) { try store.search(IncidentQuery(text: "   ")) }
    }

    @Test func ftsSyntaxModeAndItsErrors() throws {
        let store = try Self.store()
        #expect(Set(try store.search(IncidentQuery(text: "scam OR photos", ftsSyntax: true)).map(\.incidentID)) == ["t:1", "t:4"])
        #expect(try store.search(IncidentQuery(text: "\"wrong store\"", ftsSyntax: true)).map(\.incidentID) == ["t:2"])
        #expect(try store.search(IncidentQuery(text: "chat*", ftsSyntax: true)).map(\.incidentID) == ["t:2"])
        do {
            _ = try store.search(IncidentQuery(text: "voice AND (", ftsSyntax: true))
            Issue.record("a syntax error must throw")
        } catch let error as IncidentError {
            guard case .invalidQuery(let query, let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(query == "voice AND (")
            #expect(reason.contains("syntax error"))
        }
    }

    @Test func searchOnRealData() throws {
        let hits = try TestSupport.realStore.search(IncidentQuery(text: "voice clone", limit: 5))
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.snippet.lowercased().contains("[voice]") || $0.snippet.lowercased().contains("[clone]") })
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score }, "ranked by score")
    }
}
