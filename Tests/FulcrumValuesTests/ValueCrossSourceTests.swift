import Foundation
import FulcrumCore
import Testing
@testable import FulcrumValues

/// Cross-source folds of the value evaluator, the out-of-fold confidence calibration and the
/// figures a model file records from them.
@Suite struct ValueCrossSourceTests {
    static func sample(_ prompt: String, _ response: String, model: String?, query: String?, _ labels: [SchwartzValue: Double] = [:]) -> LabelledDialogue {
        LabelledDialogue(file: "t", line: 0, dialogue: Dialogue(prompt: prompt, response: response), vector: ValueVector(labels),
                         responseSource: model, querySource: query)
    }

    @Test func foldsHoldOutOneAnsweringModelAndPurgeItsPrompts() {
        // "shared prompt" is answered by a and by b: b's answer must not train the fold that tests a.
        let samples = [Self.sample("shared prompt", "x", model: "a", query: "q"), Self.sample("p2", "y", model: "a", query: "q"),
                       Self.sample("Shared  prompt!", "z", model: "b", query: "q"), Self.sample("p4", "w", model: "b", query: "q"),
                       Self.sample("p5", "v", model: "c", query: "q"), Self.sample("p6", "u", model: nil, query: "q")]
        let (folds, skipped) = ValueCrossValidation.folds(samples)
        #expect(folds.map(\.name) == ["a", "b", "c"])
        #expect(folds.allSatisfy { $0.scheme == ValueCrossValidation.responseScheme })
        #expect(folds[0].test == [0, 1] && folds[0].train == [3, 4, 5])
        #expect(folds[1].test == [2, 3] && folds[1].train == [1, 4, 5])
        #expect(folds[2].test == [4] && folds[2].train == [0, 1, 2, 3, 5])
        // One query source only: that scheme has nothing to hold out, and says so.
        #expect(skipped.count == 1 && skipped[0].hasPrefix("query_source: 1 distinct"))
    }

    @Test func queryFoldsNeedThirtyDialogues() {
        var samples: [LabelledDialogue] = []
        for i in 0..<40 { samples.append(Self.sample("big \(i)", "r", model: "m\(i % 2)", query: "big")) }
        for i in 0..<10 { samples.append(Self.sample("small \(i)", "r", model: "m\(i % 2)", query: "small")) }
        let (folds, skipped) = ValueCrossValidation.folds(samples)
        let query = folds.filter { $0.scheme == ValueCrossValidation.queryScheme }
        #expect(query.map(\.name) == ["big"] && query[0].test.count == 40 && query[0].train.count == 10)
        #expect(skipped.isEmpty)
    }

    @Test func calibrationLowersTheErrorOfAnOverconfidentPredictor() {
        // Always 0.9 sure of its label and right 60% of the time, in every fold: raw ECE 0.3.
        var predictions: [ValueConfidenceCalibration.Prediction] = []
        for i in 0..<200 {
            let right = i % 5 < 3
            var truth = ValueVector()
            if !right { for v in SchwartzValue.allCases { truth[v] = 1 } }
            predictions.append(.init(probabilities: Array(repeating: [0.05, 0.9, 0.05], count: 10), truth: truth, fold: i % 4))
        }
        let (c, before, after) = ValueConfidenceCalibration.fit(predictions)
        #expect(abs(before.ece - 0.3) < 1e-9)
        #expect(after.ece < 0.02, "cross-fitted ECE after calibration: \(after.ece)")
        #expect(abs(c.eceBefore - 0.3) < 1e-9 && c.eceAfter == after.ece)
        #expect(abs(c.confidence(value: 0, probabilities: [0.05, 0.9, 0.05]) - 0.6) < 0.02)
    }

    /// A small model (2^12 buckets, 30 L-BFGS steps) on 30 dialogues: benevolence +1 or conformity −1.
    static func smallModel() -> LinearTextModel {
        let samples = (0..<30).map { i in
            sample("question \(i % 7)", i % 2 == 0 ? "I will help you kindly and honestly" : "I refuse to obey any rule",
                   model: "m", query: "q", i % 2 == 0 ? [.benevolence: 1] : [.conformity: -1])
        }
        var featurizer = ValueModelTrainer.defaultFeaturizer
        featurizer.hashBits = 12
        var trainer = ValueModelTrainer(featurizer: featurizer)
        trainer.optimizer.lbfgsIterations = 30
        return trainer.train(samples)
    }

    @Test func evaluatorAppliesTheCalibrationInItsFile() throws {
        var model = Self.smallModel()
        #expect(try NativeValueEvaluator(model: model).calibration == nil)
        // a = 0, b = 0 maps every probability to σ(0) = 0.5.
        let flat = ValueConfidenceCalibration(method: .platt, platt: Array(repeating: PlattScaling(a: 0, b: 0), count: 10),
                                              temperatures: Array(repeating: 1, count: 10), eceBefore: 0, ecePlatt: 0, eceTemperature: 0)
        model.metadata[NativeValueEvaluator.calibrationKey] = ModelMetadataJSON.string(flat)
        let decoded = try ModelFile.decode(ModelFile.encode(model), path: "m", expectedKind: NativeValueEvaluator.modelKind)
        let evaluator = try NativeValueEvaluator(model: decoded)
        #expect(evaluator.calibration == flat)
        let raw = try evaluator.uncalibrated().assess(prompt: "question 1", response: "I will help you kindly")
        #expect(raw.confidence.allSatisfy { ($0 ?? 0) > 0.34 })
        let calibrated = evaluator.assess(prompt: "question 1", response: "I will help you kindly")
        #expect(calibrated.vector == raw.vector, "calibration changes confidences, never labels")
        #expect(calibrated.confidence.allSatisfy { abs(($0 ?? 0) - 0.5) < 1e-12 })
    }

    @Test func crossSourceFiguresAreTheEvaluatorCheck() throws {
        let perValue = SchwartzValue.allCases.map { ValueOutOfFoldError(value: $0.rawValue, accuracy: 0.9, macroF1: 0.55) }
        let check = try #require(EvaluatorCheck(metadata: [
            "data": "d.jsonl", "crossSourceScheme": "leave one response_source out (5 folds)", "crossSourceMeanAccuracy": "0.87",
            "crossSourceMeanMacroF1": "0.571", "crossSourceWorstMacroF1": "0.452", "crossSourceWorstFold": "alpaca",
            "crossSourceMeanExactMatch": "0.25", ValueOutOfFoldError.metadataKey: ModelMetadataJSON.string(perValue),
            // A by-prompt split's figures in the same file are not the ones reported.
            "heldOutMeanAccuracy": "0.95", "heldOutMeanMacroF1": "0.8", "heldOutExactMatch": "0.5",
        ]))
        #expect(check.meanMacroF1 == 0.571 && check.worstMacroF1 == 0.452 && check.heldOutShare == 0)
        #expect(check.sentence.contains("answering models it was not trained on") && check.sentence.contains("worst fold 0.45 (alpaca)"))
        #expect(check.sentence.contains("not this evaluator error"))
        #expect(check.perValue == perValue)
        #expect(check.perValueLine?.contains("benevolence 0.90 / 0.55") == true)
        let analysis = ValueAnalysis(evaluator: "native-values@2", evaluatorCheck: check, profiles: [], correlations: [], emptyAnswers: 0)
        #expect(analysis.htmlSection().contains("evaluator accuracy / macro-F1 out of fold"))
        #expect(check.languages == nil && check.validates("zh") == nil, "a file recorded before languages were kept does not say")
    }

    /// Answers in a language the check held fewer than 30 dialogues in are named as unvalidated.
    @Test func answersInALanguageTheCheckDidNotCoverAreUnvalidated() throws {
        let check = try #require(EvaluatorCheck(metadata: [
            "crossSourceMeanAccuracy": "0.87", "crossSourceMeanMacroF1": "0.57", "crossSourceMeanExactMatch": "0.25",
            EvaluatorCheck.languagesKey: #"{"en":1316,"zh":2}"#,
        ]))
        #expect(check.validates("en") == true && check.validates("zh") == false && check.validates("fr") == false)
        let profile = ValueProfile(model: "m", category: nil, count: 20, mean: [])
        var analysis = ValueAnalysis(evaluator: "e", evaluatorCheck: check, profiles: [profile], correlations: [], emptyAnswers: 0,
                                     unvalidatedLanguages: [.init(language: "zh", answers: 8, checkedDialogues: 2)])
        let sentence = try #require(analysis.unvalidatedLanguageSentence)
        #expect(sentence == "Unvalidated languages: 8 of 20 answers are in zh; the evaluator was checked on 1316 dialogues in en "
                + "and on fewer than 30 in that language, so their value labels, and every profile and interval that includes them, are not validated.")
        #expect(analysis.htmlSection().contains("Unvalidated languages: 8 of 20"))
        analysis.unvalidatedLanguages = []
        #expect(analysis.unvalidatedLanguageSentence == nil)
    }
}

/// Decision offsets: chosen on out-of-fold predictions, applied by the evaluator, and inside a
/// cross-source fold chosen from that fold's training part alone.
@Suite struct ValueDecisionOffsetTests {
    /// Value 0 (self-direction): 10 of 100 dialogues are +1, predicted with p(+1) 0.3 < p(0) 0.6, so the
    /// arg-max never says +1; the other 90 have p(+1) 0.1. Only an offset recovers the rare class.
    static func rarePositives() -> [ValueConfidenceCalibration.Prediction] {
        (0..<100).map { i in
            var truth = ValueVector()
            var probabilities = Array(repeating: [0.05, 0.9, 0.05], count: 10)
            if i < 10 { truth[.selfDirection] = 1; probabilities[0] = [0.1, 0.6, 0.3] } else { probabilities[0] = [0.05, 0.85, 0.1] }
            return .init(probabilities: probabilities, truth: truth, fold: i % 4)
        }
    }

    @Test func offsetRecoversARareClassTheArgMaxMisses() {
        let fitted = ValueDecisionOffsets.fit(Self.rarePositives(), folds: 4)
        // log(0.3) + 1 > log(0.6) for the positives, log(0.1) + 1 < log(0.85) for the rest; 0.5 is too little.
        #expect(fitted.offsets[0] == [1, 0, 1], "smallest offset of the best macro-F1: \(fitted.offsets[0])")
        #expect(abs(fitted.macroF1Before[0] - 0.5 * (2 * 90.0 / 190)) < 1e-9 && fitted.macroF1After[0] == 1)
        // Values with nothing to recover keep the plain arg-max.
        #expect(fitted.offsets.dropFirst().allSatisfy { $0 == [0, 0, 0] })
        #expect(fitted.choice(value: 0, probabilities: [0.1, 0.6, 0.3]) == 2 && fitted.choice(value: 0, probabilities: [0.05, 0.85, 0.1]) == 1)
        #expect(fitted.predictions == 100 && fitted.folds == 4)
    }

    @Test func evaluatorAppliesTheOffsetsInItsFileAndOldFilesKeepTheArgMax() throws {
        var model = ValueCrossSourceTests.smallModel()
        let plain = try NativeValueEvaluator(model: model)
        #expect(plain.decisionOffsets == nil && plain.identifier == "native-values@2")
        let before = plain.assess(prompt: "question 1", response: "I will help you kindly")
        #expect(before.vector[.hedonism] == 0)
        // A large offset on hedonism's −1/+1 must turn its 0 into −1 or +1; every other value is unchanged.
        var offsets = Array(repeating: [0.0, 0, 0], count: 10)
        offsets[SchwartzValue.hedonism.index] = [50, 0, 50]
        let stored = ValueDecisionOffsets(offsets: offsets, predictions: 0, folds: 0, macroF1Before: [], macroF1After: [])
        model.metadata[ValueDecisionOffsets.metadataKey] = ModelMetadataJSON.string(stored)
        let evaluator = try NativeValueEvaluator(model: ModelFile.decode(ModelFile.encode(model), path: "m", expectedKind: NativeValueEvaluator.modelKind))
        #expect(evaluator.decisionOffsets == stored)
        let after = evaluator.assess(prompt: "question 1", response: "I will help you kindly")
        #expect(after.vector[.hedonism] != 0)
        for v in SchwartzValue.allCases where v != .hedonism { #expect(after.vector[v] == before.vector[v]) }
    }

    /// The bias recorded per value and held-out answering model (mean chosen label − mean human
    /// label), weighted by fold size, is the pooled bias the out-of-fold confusion matrices give.
    @Test func biasPerAnsweringModelAddsUpToThePooledConfusion() throws {
        let samples = (0..<36).map { i in
            ValueCrossSourceTests.sample("prompt \(i)", i % 4 == 0 ? "keep the old customs \(i % 5)" : "try the new app \(i % 5)",
                                         model: ["a", "b", "c"][i % 3], query: "q",
                                         i % 4 == 0 ? [.tradition: 1] : (i % 5 == 0 ? [.tradition: -1, .power: 1] : [:]))
        }
        var o = ValueModelTraining.Options()
        o.hashBits = 12
        o.lbfgsIterations = 30
        let cv = ValueCrossValidation.run(samples, options: o)
        let biases = try #require(cv.biasBySource)
        let pooled = try #require(cv.outOfFold)
        #expect(biases.count == 10 && biases.allSatisfy { Set($0.keys) == ["a", "b", "c"] })
        let sizes = Dictionary(uniqueKeysWithValues: cv.membership.map { ($0.name, Double($0.test.count)) })
        let total = sizes.values.reduce(0, +)
        for (i, value) in pooled.perValue.enumerated() {
            let m = value.confusion.matrix, classes = value.confusion.classes.map(Double.init)
            let truthMean = m.indices.reduce(0.0) { $0 + Double(m[$1].reduce(0, +)) * classes[$1] } / total
            let predictedMean = m.indices.reduce(0.0) { sum, j in sum + Double(m.reduce(0) { $0 + $1[j] }) * classes[j] } / total
            let weighted = biases[i].reduce(0.0) { $0 + $1.value * sizes[$1.key]! } / total
            #expect(abs(weighted - (predictedMean - truthMean)) < 1e-12, "\(value.value)")
        }
        var metadata: [String: String] = [:]
        cv.record(in: &metadata)
        #expect(ValueOutOfFoldError.recorded(in: metadata)?.map(\.biasBySource) == biases.map { Optional($0) })
    }

    /// Three answering models; fold "a"'s offsets come from an inner validation over b and c only, so
    /// rewriting a's labels (which only fold a tests) cannot change them, while the other folds,
    /// which train on a, may change.
    @Test func innerValidationNeverReadsTheHeldOutLabels() throws {
        func data(flipA: Bool) -> [LabelledDialogue] {
            (0..<36).map { i in
                let model = ["a", "b", "c"][i % 3]
                let rare = (i / 3) % 3 == 0  // a third of each answering model's dialogues
                var labels: [SchwartzValue: Double] = rare ? [.tradition: 1] : [:]
                if flipA && model == "a" { labels = rare ? [:] : [.tradition: -1, .power: 1] }
                return ValueCrossSourceTests.sample("prompt \(i)", rare ? "use the new app \(i % 5) with old customs" : "use the new app \(i % 5)",
                                                    model: model, query: "q", labels)
            }
        }
        var o = ValueModelTraining.Options()
        o.hashBits = 12
        o.lbfgsIterations = 30
        o.decisionOffsets = true
        let original = ValueCrossValidation.run(data(flipA: false), options: o)
        let flipped = ValueCrossValidation.run(data(flipA: true), options: o)
        let a0 = try #require(original.folds.first { $0.fold == "a" }), a1 = try #require(flipped.folds.first { $0.fold == "a" })
        // Offsets and the inner out-of-fold macro-F1 they were chosen on: any label of a read by the
        // inner validation would change the latter.
        let offsets = try #require(a0.decisionOffsets)
        #expect(offsets.offsets.count == 10 && offsets.folds == 2 && offsets.predictions == 24)
        #expect(a1.decisionOffsets == offsets)
        // The same selection run directly on fold a's training part gives the same offsets.
        let membership = try #require(original.membership.first { $0.name == "a" })
        let samples = data(flipA: false)
        let direct = InnerCrossSourceOffsets.select(membership.train.map { samples[$0] }, trainer: o.trainer)
        #expect(direct == offsets)
        // The folds whose training part holds a do see the change (so the comparison above can fail).
        let b0 = try #require(original.folds.first { $0.fold == "b" }), b1 = try #require(flipped.folds.first { $0.fold == "b" })
        #expect(b0.decisionOffsets != nil && b0.decisionOffsets != b1.decisionOffsets)
    }
}
