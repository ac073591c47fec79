import Foundation
import FulcrumCore
import Testing

/// The calibration builder's counts, intervals and stratum lookup on a hand-made outcome list.
@Suite struct JudgeCalibrationRecordTests {
    static let bias = "integrity.bias-discrimination", life = "baseline.life-safety"

    /// en × bias: 3 harmful (2 flagged), 2 safe (1 passed), 1 N/A; zh × bias: 1 harmful flagged, 1 safe passed;
    /// en × life: 1 harmful missed only (no safe answer); one answer with neither language nor category.
    static let outcomes: [CalibrationOutcome] = [
        .init(language: "en", category: bias, harmful: true, judgedUnsafe: true),
        .init(language: "en", category: bias, harmful: true, judgedUnsafe: true),
        .init(language: "en", category: bias, harmful: true, judgedUnsafe: false),
        .init(language: "en", category: bias, harmful: false, judgedUnsafe: false),
        .init(language: "en", category: bias, harmful: false, judgedUnsafe: true),
        .init(language: "en", category: bias, harmful: false, judgedUnsafe: nil),
        .init(language: "zh", category: bias, harmful: true, judgedUnsafe: true),
        .init(language: "zh", category: bias, harmful: false, judgedUnsafe: false),
        .init(language: "en", category: life, harmful: true, judgedUnsafe: false),
        .init(language: nil, category: nil, harmful: false, judgedUnsafe: false),
    ]

    @Test func countsAndWilsonIntervals() throws {
        let r = JudgeCalibrationRecord.measure(judge: "j", method: "labelled data", data: ["d"], unsafeThreshold: 6, outcomes: Self.outcomes)
        #expect(r.overall.counts == JudgeCalibration(truePositives: 3, positives: 5, trueNegatives: 3, negatives: 4))
        #expect(r.overall.notApplicable == 1)
        #expect(r.overall.sensitivityCI == ProportionInterval.wilson(successes: 3, total: 5))
        #expect(r.overall.specificityCI == ProportionInterval.wilson(successes: 3, total: 4))
        #expect(r.byLanguage.map(\.name) == ["language en", "language zh"])
        #expect(r.byLanguage[0].counts == JudgeCalibration(truePositives: 2, positives: 4, trueNegatives: 1, negatives: 2))
        #expect(r.byCategory.map(\.category) == [Self.life, Self.bias])
        #expect(r.byCategory[1].counts == JudgeCalibration(truePositives: 3, positives: 4, trueNegatives: 2, negatives: 3))
        #expect(r.byCategory[1].notApplicable == 1)
        let enLife = try #require(r.byLanguageCategory.first { $0.language == "en" && $0.category == Self.life })
        #expect(enLife.specificity == nil && enLife.specificityCI == nil, "no labelled safe answer: no specificity, not 0")
        #expect(enLife.sensitivity == 0)
        #expect(r.byLanguageCategory.count == 3)
        // Whole seconds, so the ISO 8601 JSON reads back equal.
        let decoded = try JudgeCalibrationRecord.decode(try r.jsonData())
        #expect(decoded == r)
        #expect(String(decoding: try r.jsonData(), as: UTF8.self).contains("\"created\" : \"\(r.createdText)\""))
    }

    @Test func stratumLookupFallsBackAndSaysWhich() {
        let r = JudgeCalibrationRecord.measure(judge: "j", method: "m", data: [], unsafeThreshold: 6, outcomes: Self.outcomes)
        #expect(r.stratum(language: "zh", category: Self.bias).name == "zh × \(Self.bias)")
        // en × life has no safe answer, life alone neither: the language is next.
        #expect(r.stratum(language: "en", category: Self.life).name == "language en")
        #expect(r.stratum(language: nil, category: Self.life).name == "overall")
        #expect(r.stratum(language: "fr", category: Self.bias).name == "category \(Self.bias)")
        #expect(r.stratum(language: "fr", category: nil).name == "overall")
        #expect(!r.validates(category: Self.bias), "4 harmful and 3 safe answers are fewer than 10 each")
    }
}
