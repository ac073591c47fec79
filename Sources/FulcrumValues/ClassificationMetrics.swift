/// Confusion matrix and the figures derived from it for one classifier.
///
/// Macro-F1 averages F1 over the classes that occur in the truth or the predictions (scikit-learn's
/// default), so a value that is always 0 and always predicted 0 scores 1, not 1/3.
public struct ClassificationMetrics: Sendable, Hashable, Codable {
    public var classes: [Int]
    /// `matrix[truth][predicted]`, indices into `classes`.
    public var matrix: [[Int]]

    public init(classes: [Int], truth: [Int], predicted: [Int]) {
        self.classes = classes
        var m = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        for (t, p) in zip(truth, predicted) {
            if let i = classes.firstIndex(of: t), let j = classes.firstIndex(of: p) { m[i][j] += 1 }
        }
        matrix = m
    }

    public var total: Int { matrix.joined().reduce(0, +) }

    public var accuracy: Double {
        total == 0 ? 0 : Double(classes.indices.reduce(0) { $0 + matrix[$1][$1] }) / Double(total)
    }

    public func precision(_ c: Int) -> Double {
        let predicted = classes.indices.reduce(0) { $0 + matrix[$1][c] }
        return predicted == 0 ? 0 : Double(matrix[c][c]) / Double(predicted)
    }

    public func recall(_ c: Int) -> Double {
        let actual = matrix[c].reduce(0, +)
        return actual == 0 ? 0 : Double(matrix[c][c]) / Double(actual)
    }

    public func f1(_ c: Int) -> Double {
        let p = precision(c), r = recall(c)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public var macroF1: Double {
        let present = classes.indices.filter { c in matrix[c].reduce(0, +) > 0 || classes.indices.contains { matrix[$0][c] > 0 } }
        guard !present.isEmpty else { return 0 }
        return present.reduce(0) { $0 + f1($1) } / Double(present.count)
    }
}
