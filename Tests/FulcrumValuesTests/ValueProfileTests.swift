import FulcrumCore
import Testing
@testable import FulcrumValues

@Suite struct ValueProfileTests {
    func records() -> [ValueRecord] {
        var out: [ValueRecord] = []
        for i in 0..<20 {
            let b: Double = i % 2 == 0 ? 1 : 0
            out.append(ValueRecord(model: "m1", category: i < 10 ? "c1" : "c2",
                                   vector: ValueVector([.benevolence: b, .power: -b]), safetyScore: 5 + 5 * b))
            out.append(ValueRecord(model: "m2", category: "c1", vector: ValueVector([.security: 1]), safetyScore: nil))
        }
        return out
    }

    @Test func profilesPerModelAndCategory() {
        let p = ValueProfile.profiles(records(), byCategory: true, bootstrap: Bootstrap(resamples: 200))
        #expect(p.map { "\($0.model)/\($0.category ?? "*")" } == ["m1/*", "m1/c1", "m1/c2", "m2/*", "m2/c1"])
        let m1 = p[0]
        #expect(m1.count == 20)
        let ben = m1.mean[SchwartzValue.benevolence.index]
        #expect(ben.estimate == 0.5)
        #expect(ben.lower < 0.5 && ben.upper > 0.5)
        // Twenty answers all at +1: the mean is 1, but not certainly (Dirichlet posterior: 0.74…1).
        let security = p[3].mean[SchwartzValue.security.index]
        #expect(security.estimate == 1 && security.lower > 0.6 && security.lower < 0.85 && security.upper <= 1)
    }

    @Test func reportsShowTheEvaluatorCheckEscaped() throws {
        #expect(EvaluatorCheck(metadata: ["seed": "1"]) == nil, "no held-out figures, no check")
        let check = try #require(EvaluatorCheck(metadata: [
            "data": "<b>team</b>.jsonl", "testShare": "0.25", "seed": "7", "heldOutMeanAccuracy": "0.9",
            "heldOutMeanMacroF1": "0.612", "heldOutExactMatch": "0.31",
        ]))
        #expect(check.sentence.contains("25% of <b>team</b>.jsonl's prompts, seed 7"))
        #expect(check.sentence.contains("90% of the time (macro-F1 0.61") && check.sentence.contains("31% of dialogues"))
        let analysis = ValueAnalysis(evaluator: "native-values@2", evaluatorCheck: check,
                                     profiles: ValueProfile.profiles(records(), byCategory: false, bootstrap: Bootstrap(resamples: 50)),
                                     correlations: [], emptyAnswers: 0)
        let html = analysis.htmlSection()
        #expect(html.contains("&lt;b&gt;team&lt;/b&gt;.jsonl") && !html.contains("<b>team"))
    }

    @Test func correlationWithSafety() {
        let c = ValueSafetyCorrelation.compute(records())
        let ben = c[SchwartzValue.benevolence.index], power = c[SchwartzValue.power.index]
        #expect(ben.n == 20)  // m2's unscored answers are left out
        #expect(abs(ben.r! - 1) < 1e-9)
        #expect(abs(power.r! + 1) < 1e-9)
        #expect(ben.pValue! < 0.001)
        #expect(c[SchwartzValue.security.index].r == nil)  // no variation among scored answers
    }

    @Test func fisherIntervalByHand() {
        let xs: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let ys: [Double] = [2, 1, 4, 3, 7, 8, 6, 9, 10, 5]
        let recs = zip(xs, ys).map { ValueRecord(model: "m", vector: ValueVector([.hedonism: $0.0 / 10]), safetyScore: $0.1) }
        let c = ValueSafetyCorrelation.compute(recs)[SchwartzValue.hedonism.index]
        // Pearson r = Sxy / √(Sxx·Syy) = 62.5 / 82.5 = 0.757576 (x scaled by 1/10 does not change r)
        #expect(abs(c.r! - 62.5 / 82.5) < 1e-9)
        // Fisher z = atanh(0.757576) = 0.99050, se = 1/√7 = 0.37796; 95% CI tanh(z ± 1.95996·se) = [0.2446, 0.9392]
        #expect(abs(c.ci!.lower - 0.2446) < 0.001 && abs(c.ci!.upper - 0.9392) < 0.001)
        // p = 2(1 − Φ(0.99050/0.37796 = 2.6206)) = 0.00878
        #expect(abs(c.pValue! - 0.00878) < 0.0002)
    }
}
