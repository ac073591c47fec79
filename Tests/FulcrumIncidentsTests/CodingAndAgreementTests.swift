import Foundation
import FulcrumCore
import Testing
@testable import FulcrumIncidents

struct CodingTests {
    @Test func humanCodesAreValidatedAndReplacedPerCoder() throws {
        let store = try SearchTests.store()
        let stored = try store.code(Coding(incidentID: "t:2", category: "Misinformation and Factual Hallucinations",
                                           layer: "", lifecycle: "deployment", severity: 2, coder: "bob", origin: .human))
        #expect(stored.category == "integrity.misinformation-hallucination" && stored.layer == "integrity")
        try store.code(Coding(incidentID: "t:2", category: "social-appropriateness", layer: "", coder: "bob", origin: .human))
        #expect(try store.codings(incidentID: "t:2", origin: .human).map(\.category) == ["integrity.social-appropriateness"])
        #expect(throws: IncidentError.unknownCategory("nonsense")) {
            try store.code(Coding(incidentID: "t:2", category: "nonsense", layer: "", coder: "bob", origin: .human))
        }
        #expect(throws: IncidentError.unknownIncident("t:99")) {
            try store.code(Coding(incidentID: "t:99", category: "life-safety", layer: "", coder: "bob", origin: .human))
        }
        #expect(throws: IncidentError.self) {
            try store.code(Coding(incidentID: "t:2", category: "life-safety", layer: "", severity: 9, coder: "bob", origin: .human))
        }
        #expect(throws: IncidentError.unknownLifecycleStage("testing")) {
            try store.code(Coding(incidentID: "t:2", category: "life-safety", layer: "", lifecycle: "testing", coder: "bob", origin: .human))
        }
    }

    @Test func machineAndHumanCodesCannotBeConfused() throws {
        let store = try SearchTests.store()
        #expect(throws: IncidentError.self) {
            try store.code(Coding(incidentID: "t:2", category: "life-safety", layer: "", coder: "machine:me", origin: .human))
        }
        // Even raw SQL cannot store a human-origin row with a machine coder name (CHECK constraint).
        #expect(throws: (any Error).self) {
            try store.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO coding (incident_id, category, layer, coder, origin, coded_at)
                    VALUES ('t:2', 'baseline.life-safety', 'baseline', 'machine:x', 'human', '2025-01-01')
                    """)
            }
        }
        // Machine suggestions for t:1 (text cue 'scam') exist beside alice's human code and stay apart.
        _ = try store.refreshSuggestions()
        let human = try store.codings(incidentID: "t:1", origin: .human)
        let machine = try store.codings(incidentID: "t:1", origin: .machine)
        #expect(human.map(\.coder) == ["alice"])
        #expect(machine.contains { $0.coder == "machine:text-cue" && $0.category == "integrity.disinformation-fraud" })
        #expect(machine.allSatisfy { $0.coder.hasPrefix("machine:") })
        #expect(try store.refreshSuggestions() == 0, "a second refresh changes nothing")
    }

    @Test func consensusFlagsDisagreements() throws {
        let store = try SearchTests.store()
        try store.code(Coding(incidentID: "t:1", category: "disinformation-fraud", layer: "", lifecycle: "deployment", severity: 4,
                              coder: "bob", origin: .human))
        try store.code(Coding(incidentID: "t:1", category: "identity-hallucination", layer: "", lifecycle: "deployment", severity: 1,
                              coder: "carol", origin: .human))
        try store.code(Coding(incidentID: "t:3", category: "life-safety", layer: "", lifecycle: "data", coder: "bob", origin: .human))
        let entries = Dictionary(uniqueKeysWithValues: try Consensus.entries(from: store).map { ($0.incidentID, $0) })
        let one = try #require(entries["t:1"])
        #expect(one.category == "integrity.disinformation-fraud", "2 of 3 is a majority")
        #expect(abs(one.categoryAgreement - 2.0 / 3) < 1e-12)
        #expect(one.lifecycle == "deployment")
        #expect(one.disagreements.contains { $0.hasPrefix("category:") })
        #expect(one.disagreements.contains("severity spread 1–4"))
        let three = try #require(entries["t:3"])
        #expect(three.category == nil, "1 vs 1 has no majority")
        #expect(three.isDisputed)
    }
}

struct AgreementTests {
    @Test func humanCodingAgreementMatchesHandComputedKappa() throws {
        // Two coders, four incidents: alice A B A B, bob A B B B (A = bias, B = privacy).
        // pₒ = 3/4; alice A2 B2, bob A1 B3 → pₑ = (2·1 + 2·3)/16 = 1/2; κ = (3/4 − 1/2)/(1/2) = 1/2.
        // α (nominal): n = 8 values, A 3, B 5, o(A,B) = 1 → α = 1 − 7·1/(3·5)·… = 1 − (n−1)·o_AB/(n_A·n_B) = 1 − 7/15.
        let store = try SearchTests.store()
        let alice = ["bias-discrimination", "copyright-data-leakage", "bias-discrimination", "copyright-data-leakage"]
        let bob = ["bias-discrimination", "copyright-data-leakage", "copyright-data-leakage", "copyright-data-leakage"]
        for (i, id) in ["t:1", "t:2", "t:3", "t:4"].enumerated() {
            try store.code(Coding(incidentID: id, category: alice[i], layer: "", severity: i + 1, coder: "alice", origin: .human))
            try store.code(Coding(incidentID: id, category: bob[i], layer: "", severity: i + 1, coder: "bob", origin: .human))
        }
        let data = try HumanCodingAgreement.data(from: store, fields: ["category", "severity"])
        let analysis = AgreementAnalysis(bootstrap: Bootstrap(resamples: 200, seed: 1), minimumPairUnits: 2)
        let category = analysis.analyse(data[0])
        #expect(category.coders == 2 && category.pairableUnits == 4)
        #expect(abs(try #require(category.pairs.first?.kappa?.estimate) - 0.5) < 1e-12)
        #expect(abs(try #require(category.alpha?.estimate) - (1 - 7.0 / 15)) < 1e-12)
        let severity = analysis.analyse(data[1])
        #expect(severity.metric == .interval && severity.alpha?.estimate == 1, "identical severities agree perfectly")
    }

    /// Real CSETv1 annotator tables, field "Physical Objects", on the 12 incidents annotator
    /// tables 2 and 3 share (23 40 47 69 72 73 99 101 103 116 125 126). Values read from the CSVs:
    ///   A1: yes no no – – – no – – yes yes yes   (A1 lacks 69 72 73 101 103)
    ///   A2: yes no no yes yes yes no no no yes yes yes
    ///   A3: yes no no yes no  yes no no no yes yes yes
    /// κ(A2, A3): pₒ = 11/12; A2 yes 7 no 5, A3 yes 6 no 6 → pₑ = (42 + 30)/144 = 1/2; κ = 5/6.
    /// α over all three with missing data: n = 31 pairable values (yes 17, no 14); the only
    /// disagreement is unit 72 (m = 2) giving o(yes,no) = 1 → α = 1 − 30·1/(17·14) = 1 − 30/238.
    @Test func csetSubsetMatchesHandComputedValues() throws {
        let all = try CSETAgreement.data(from: TestSupport.realStore, fields: ["Physical Objects"])
        var data = try #require(all.first)
        let subset = Set(["23", "40", "47", "69", "72", "73", "99", "101", "103", "116", "125", "126"].map { "aiid:\($0)" })
        data.units = data.units.filter { subset.contains($0.key) }
        let result = AgreementAnalysis(bootstrap: Bootstrap(resamples: 200, seed: 2)).analyse(data)
        #expect(abs(try #require(result.alpha?.estimate) - (1 - 30.0 / 238)) < 1e-12)
        let pair = try #require(result.pairs.first { $0.coderA == "CSETv1_Annotator-2" && $0.coderB == "CSETv1_Annotator-3" })
        #expect(pair.units == 12)
        #expect(abs(try #require(pair.kappa?.estimate) - 5.0 / 6) < 1e-12)
    }

    /// Whole-table values, cross-checked with the independent `krippendorff` Python package (0.633,
    /// 0.619, 0.803, 0.934, 0.001 for the fields below).
    @Test func csetWholeTablesMatchIndependentImplementation() throws {
        let data = try CSETAgreement.data(from: TestSupport.realStore,
                                          fields: ["Tangible Harm", "AI Harm Level", "Physical Objects", "Lives Lost", "Injuries"])
        let analysis = AgreementAnalysis(bootstrap: Bootstrap(resamples: 50, seed: 3))
        let alphas = Dictionary(uniqueKeysWithValues: data.map { ($0.field, analysis.analyse($0).alpha?.estimate ?? .nan) })
        #expect(abs(alphas["Tangible Harm"]! - 0.633) < 0.0005)
        #expect(abs(alphas["AI Harm Level"]! - 0.619) < 0.0005)
        #expect(abs(alphas["Physical Objects"]! - 0.803) < 0.0005)
        #expect(abs(alphas["Lives Lost"]! - 0.934) < 0.0005)
        #expect(abs(alphas["Injuries"]! - 0.001) < 0.0005)
        #expect(data.first { $0.field == "Lives Lost" }?.metric == .interval)
    }
}
