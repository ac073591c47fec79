import Foundation
import FulcrumCore
import Testing
@testable import FulcrumValues

@Suite struct ModelFileTests {
    /// A tiny model trained on a handful of real FULCRA dialogues (fast in debug builds).
    static func tinyModel() throws -> LinearTextModel {
        let samples = Array(try ValueDataset.load([TestData.fulcraDev]).samples.prefix(60))
        var optimizer = ValueModelTrainer.defaultOptimizer
        optimizer.lbfgsIterations = 0   // two SGD epochs: this checks the file format, not accuracy
        optimizer.epochs = 2
        var config = ValueModelTrainer.defaultFeaturizer
        config.hashBits = 16
        return ValueModelTrainer(featurizer: config, optimizer: optimizer).train(samples)
    }

    @Test func roundTripKeepsPredictions() throws {
        let model = try Self.tinyModel()
        let data = try ModelFile.encode(model)
        let loaded = try ModelFile.decode(data, path: "mem", expectedKind: NativeValueEvaluator.modelKind)
        #expect(loaded.featurizer.vocabulary.buckets == model.featurizer.vocabulary.buckets)
        let a = try NativeValueEvaluator(model: model), b = try NativeValueEvaluator(model: loaded)
        let prompt = "How do I keep my family safe online?", response = "Use strong passwords and talk openly with your children."
        #expect(a.assess(prompt: prompt, response: response).vector == b.assess(prompt: prompt, response: response).vector)
    }

    @Test func otherFormatVersionIsAClearError() throws {
        var data = try ModelFile.encode(try Self.tinyModel())
        data[12] = 9  // the little-endian format version follows the 12 magic bytes
        #expect(throws: ModelFileError.unsupportedVersion(path: "old.fltm", found: 9, supported: ModelFile.formatVersion)) {
            try ModelFile.decode(data, path: "old.fltm", expectedKind: NativeValueEvaluator.modelKind)
        }
        let message = ModelFileError.unsupportedVersion(path: "old.fltm", found: 9, supported: 1).description
        #expect(message.contains("old.fltm") && message.contains("version 9"))
    }

    @Test func garbageTruncatedAndWrongKindAreRejected() throws {
        #expect(throws: ModelFileError.notAModel(path: "x")) {
            try ModelFile.decode(Data("hello world, not a model".utf8), path: "x", expectedKind: "safety")
        }
        let data = try ModelFile.encode(try Self.tinyModel())
        #expect(throws: ModelFileError.self) {
            try ModelFile.decode(data.prefix(data.count - 10), path: "cut", expectedKind: NativeValueEvaluator.modelKind)
        }
        #expect(throws: ModelFileError.wrongKind(path: "v", found: NativeValueEvaluator.modelKind, expected: NativeSafetyJudge.modelKind)) {
            try ModelFile.decode(data, path: "v", expectedKind: NativeSafetyJudge.modelKind)
        }
        #expect(throws: ModelFileError.self) { try NativeValueEvaluator(contentsOf: URL(fileURLWithPath: "/nonexistent/model.fltm")) }
    }

    @Test func featuresAreDeterministicAndWorkForChinese() throws {
        let featurizer = TextFeaturizer.fit(config: FeaturizerConfig(hashBits: 16, minDocumentFrequency: 1),
                                            documents: [["我爱你", "自然语言处理使机器能够阅读"], ["hello", "world of words"]])
        let a = featurizer.featurize(["我爱你", "自然语言处理"]), b = featurizer.featurize(["我爱你", "自然语言处理"])
        #expect(a.row == b.row)
        #expect(a.row.count > 5)
        #expect(!a.truncated)
    }

    @Test func hugeTextIsTruncatedDeterministically() throws {
        let featurizer = TextFeaturizer.fit(config: FeaturizerConfig(hashBits: 16, minDocumentFrequency: 1, maxScalarsPerField: 100),
                                            documents: [["a b c", "lorem ipsum dolor"]])
        let huge = String(repeating: "lorem ipsum dolor sit amet ", count: 10_000)
        let a = featurizer.featurize(["q", huge]), b = featurizer.featurize(["q", String(huge.prefix(100))])
        #expect(a.truncated)
        #expect(a.row == b.row)
    }
}
