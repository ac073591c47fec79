import Foundation
import FulcrumCore

/// One multinomial logistic-regression classifier over a shared feature vocabulary.
/// `weights` is feature-major: `weights[feature * classCount + class]`.
public struct LinearHead: Sendable {
    public var name: String
    /// The label each class stands for (e.g. −1, 0, +1 for a value; 0…5 for an action class).
    public var classes: [Int]
    public var weights: [Float]
    public var bias: [Float]

    public init(name: String, classes: [Int], weights: [Float], bias: [Float]) {
        self.name = name
        self.classes = classes
        self.weights = weights
        self.bias = bias
    }

    public var classCount: Int { classes.count }

    /// Class probabilities for one row (softmax of the linear scores).
    public func probabilities(_ row: SparseRow) -> [Double] {
        let k = classCount
        guard k > 1 else { return [1] }
        var scores = bias.map(Double.init)
        weights.withUnsafeBufferPointer { w in
            for (i, column) in row.indices.enumerated() {
                let x = Double(row.values[i])
                let base = Int(column) * k
                for c in 0..<k { scores[c] += Double(w[base + c]) * x }
            }
        }
        return Self.softmax(scores)
    }

    static func softmax(_ scores: [Double]) -> [Double] {
        let m = scores.max() ?? 0
        let e = scores.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}

/// Trains a `LinearHead` by stochastic gradient descent on the class-weighted, L2-regularised
/// multinomial log loss, with a decaying step and weights averaged over the later epochs (averaged
/// SGD generalises better on small data than the last iterate). Deterministic for a seed.
public struct SoftmaxTrainer: Sendable {
    public var l2: Double
    public var epochs: Int
    public var initialStep: Double
    public var seed: UInt64
    /// Weight each class by (n / (k · count))^balancePower, so rare classes (−1 labels) are not ignored.
    public var balanceClasses: Bool
    /// 1: fully balanced; 0: unweighted; in between softens the weights of very rare classes.
    public var balancePower: Double = 1
    /// When positive, solve the same objective with full-batch L-BFGS (`SoftmaxLBFGS`) for at most
    /// this many iterations instead of averaged SGD (`epochs`, `initialStep`, `seed` then unused).
    public var lbfgsIterations: Int

    public init(l2: Double = 1e-4, epochs: Int = 20, initialStep: Double = 0.5, seed: UInt64 = 42, balanceClasses: Bool = true,
                lbfgsIterations: Int = 0) {
        self.l2 = l2
        self.epochs = epochs
        self.initialStep = initialStep
        self.seed = seed
        self.balanceClasses = balanceClasses
        self.lbfgsIterations = lbfgsIterations
    }

    /// `labels` are the class labels (values of `classes`); samples with other labels are skipped.
    public func train(name: String, rows: [SparseRow], labels: [Int], featureCount: Int, classes: [Int],
                      sampleWeights: [Double]? = nil) -> LinearHead {
        let k = classes.count
        var pairs: [(Int, Int)] = []  // (row, class index)
        for (i, label) in labels.enumerated() {
            if let c = classes.firstIndex(of: label) { pairs.append((i, c)) }
        }
        var counts = [Int](repeating: 0, count: k)
        for (_, c) in pairs { counts[c] += 1 }
        let present = counts.filter { $0 > 0 }.count
        guard k > 1, present > 1 else {
            // One class only: a constant classifier that always says the class seen.
            let only = counts.firstIndex { $0 > 0 } ?? 0
            var bias = [Float](repeating: -20, count: k)
            bias[only] = 0
            return LinearHead(name: name, classes: classes, weights: [Float](repeating: 0, count: featureCount * k), bias: bias)
        }
        let classWeight: [Double] = counts.map {
            balanceClasses && $0 > 0 ? pow(Double(pairs.count) / Double(present * $0), balancePower) : 1
        }
        if lbfgsIterations > 0 {
            let solved = SoftmaxLBFGS(l2: l2, maximumIterations: lbfgsIterations).fit(
                rows: rows, samples: pairs.map { ($0.0, $0.1, classWeight[$0.1] * (sampleWeights?[$0.0] ?? 1)) },
                featureCount: featureCount, classCount: k)
            return LinearHead(name: name, classes: classes, weights: solved.weights.map(Float.init), bias: solved.bias.map(Float.init))
        }
        var v = [Double](repeating: 0, count: featureCount * k)
        var bias = [Double](repeating: 0, count: k)
        var average = [Double](repeating: 0, count: featureCount * k)
        var averageBias = [Double](repeating: 0, count: k)
        var averaged = 0
        var scale = 1.0
        var t = 0.0
        var generator = SeededGenerator(seed: seed)
        var order = Array(pairs.indices)
        var scores = [Double](repeating: 0, count: k)
        for epoch in 0..<epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, generator.index(below: i + 1))
            }
            for p in order {
                let (r, y) = pairs[p]
                let row = rows[r]
                let eta = initialStep / (1 + initialStep * l2 * t)
                t += 1
                for c in 0..<k { scores[c] = bias[c] }
                for (j, column) in row.indices.enumerated() {
                    let x = Double(row.values[j]) * scale
                    let base = Int(column) * k
                    for c in 0..<k { scores[c] += v[base + c] * x }
                }
                let probs = LinearHead.softmax(scores)
                let w = classWeight[y] * (sampleWeights?[r] ?? 1)
                scale *= (1 - eta * l2)
                if scale < 1e-6 {
                    for i in v.indices { v[i] *= scale }
                    scale = 1
                }
                for c in 0..<k {
                    let g = w * (probs[c] - (c == y ? 1 : 0))
                    guard g != 0 else { continue }
                    let step = eta * g / scale
                    for (j, column) in row.indices.enumerated() {
                        v[Int(column) * k + c] -= step * Double(row.values[j])
                    }
                    bias[c] -= eta * g
                }
            }
            if epoch >= epochs / 2 {
                for i in v.indices { average[i] += v[i] * scale }
                for c in 0..<k { averageBias[c] += bias[c] }
                averaged += 1
            }
        }
        let n = Double(max(averaged, 1))
        return LinearHead(name: name, classes: classes, weights: average.map { Float($0 / n) },
                          bias: averageBias.map { Float($0 / n) })
    }
}
