import FulcrumCore

/// A seeded train/test split by prompt: every sample whose prompt key is the same goes to the same
/// side. Prompt keys are sorted before shuffling, so the split depends only on the data and the seed.
public struct PromptSplit: Sendable, Equatable {
    public var train: [Int]
    public var test: [Int]

    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }

    public init(promptKeys: [String], seed: UInt64, testShare: Double) {
        guard testShare > 0 else { self.init(train: Array(promptKeys.indices), test: []); return }
        var groups: [String: [Int]] = [:]
        for (i, key) in promptKeys.enumerated() { groups[key, default: []].append(i) }
        var keys = groups.keys.sorted()
        var generator = SeededGenerator(seed: seed)
        for i in stride(from: keys.count - 1, to: 0, by: -1) { keys.swapAt(i, generator.index(below: i + 1)) }
        let wanted = Int((Double(promptKeys.count) * min(1, testShare)).rounded())
        var test: [Int] = [], train: [Int] = []
        for key in keys {
            if test.count < wanted { test += groups[key]! } else { train += groups[key]! }
        }
        self.init(train: train.sorted(), test: test.sorted())
    }
}

extension PromptSplit {
    /// The metadata keys a trained model records its split under, so the held-out part can be rebuilt.
    public static func metadata(seed: UInt64, testShare: Double) -> [String: String] {
        ["seed": String(seed), "testShare": String(testShare)]
    }

    /// The split a model was trained with, rebuilt from the seed and test share its metadata records
    /// (42 and 0.2, the training defaults, when a file does not record them).
    public init(promptKeys: [String], recordedIn metadata: [String: String]) {
        self.init(promptKeys: promptKeys, seed: UInt64(metadata["seed"] ?? "") ?? 42,
                  testShare: Double(metadata["testShare"] ?? "") ?? 0.2)
    }

    /// Only the samples the model was not trained on.
    public static func heldOut<Sample>(_ samples: [Sample], promptKey: (Sample) -> String,
                                       recordedIn metadata: [String: String]) -> [Sample] {
        PromptSplit(promptKeys: samples.map(promptKey), recordedIn: metadata).test.map { samples[$0] }
    }
}
