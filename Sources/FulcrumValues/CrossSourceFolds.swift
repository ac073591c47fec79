/// Leave-one-group-out folds: each fold holds out every sample of one group (an answering model,
/// a data set, a block of questions) and trains on all the rest. Its figures predict data from a
/// source the model never saw, which a random split cannot: there every source is in training,
/// and the split that chose the first shipped value model said 0.667 where unseen data gave 0.594.
public struct CrossSourceFolds: Sendable, Equatable {
    public struct Fold: Sendable, Equatable {
        /// The held-out group, e.g. `do-not-answer/GPT4` or `dataset:gptfuzz`.
        public var name: String
        public var train: [Int]
        public var test: [Int]
    }

    public var folds: [Fold]

    public init(folds: [Fold]) { self.folds = folds }

    /// One fold per distinct group name (sorted); samples whose group is nil are always trained on.
    /// Groups with fewer than `minimumTestSamples` samples make no fold of their own.
    public init(groups: [String?], minimumTestSamples: Int = 1) {
        var members: [String: [Int]] = [:]
        for (i, g) in groups.enumerated() { if let g { members[g, default: []].append(i) } }
        self.folds = members.keys.sorted().compactMap { name in
            let test = members[name]!
            guard test.count >= minimumTestSamples else { return nil }
            let held = Set(test)
            return Fold(name: name, train: groups.indices.filter { !held.contains($0) }, test: test)
        }
    }

    /// Folds of several schemes side by side (e.g. leave one model out, and leave one data set out).
    public static func combining(_ schemes: [CrossSourceFolds]) -> CrossSourceFolds {
        CrossSourceFolds(folds: schemes.flatMap(\.folds))
    }
}

/// One figure over the folds: each fold's value, their mean and the worst fold.
public struct FoldSummary: Sendable, Codable, Hashable {
    public struct Entry: Sendable, Codable, Hashable {
        public var fold: String
        public var samples: Int
        public var value: Double
    }

    public var folds: [Entry]
    public var mean: Double
    public var worst: Double
    public var worstFold: String

    /// `nil` when there are no folds.
    public init?(_ folds: [Entry]) {
        guard let low = folds.min(by: { $0.value < $1.value }) else { return nil }
        self.folds = folds
        mean = folds.map(\.value).reduce(0, +) / Double(folds.count)
        worst = low.value
        worstFold = low.fold
    }
}
