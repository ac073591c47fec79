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
