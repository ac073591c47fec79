import Foundation
import FulcrumCore
import Testing
@testable import FulcrumValues

/// L-BFGS and averaged SGD minimise the same objective; the full-batch solver must get closer to
/// its minimum (that is why it is the default) and stay deterministic.
@Suite struct SolverTests {
    /// Mean class-weighted log loss plus (l2 / 2)·‖W‖² of a head on its training data.
    static func objective(_ head: LinearHead, rows: [SparseRow], labels: [Int], weights: [Double], l2: Double) -> Double {
        var loss = 0.0
        for (row, label) in zip(rows, labels) {
            let c = head.classes.firstIndex(of: label)!
            loss -= weights[c] * log(max(head.probabilities(row)[c], 1e-300))
        }
        let penalty = head.weights.reduce(0) { $0 + Double($1) * Double($1) }
        return loss / Double(rows.count) + l2 / 2 * penalty
    }

    @Test func lbfgsReachesALowerObjectiveThanSGDOnRealDialogues() throws {
        let samples = Array(try ValueDataset.load([TestData.fulcraDev]).samples.prefix(100))
        var config = ValueModelTrainer.defaultFeaturizer
        config.hashBits = 12
        let documents = samples.map { [$0.dialogue.prompt, $0.dialogue.response] }
        let featurizer = TextFeaturizer.fit(config: config, documents: documents)
        let rows = documents.map { featurizer.featurize($0).row }
        let labels = samples.map { Int($0.vector[.benevolence]) }
        let counts = [-1, 0, 1].map { c in labels.filter { $0 == c }.count }
        let present = counts.filter { $0 > 0 }.count
        let weights = counts.map { $0 > 0 ? Double(labels.count) / Double(present * $0) : 1 }
        var sgd = SoftmaxTrainer(l2: 1e-3, epochs: 10)
        sgd.lbfgsIterations = 0
        var full = sgd
        full.lbfgsIterations = 60
        let train = { (t: SoftmaxTrainer) in
            t.train(name: "benevolence", rows: rows, labels: labels, featureCount: featurizer.vocabulary.count, classes: [-1, 0, 1])
        }
        let solved = train(full)
        let a = Self.objective(train(sgd), rows: rows, labels: labels, weights: weights, l2: 1e-3)
        let b = Self.objective(solved, rows: rows, labels: labels, weights: weights, l2: 1e-3)
        #expect(b < a, "L-BFGS objective \(b) vs SGD \(a)")
        #expect(train(full).weights == solved.weights, "deterministic")
    }
}
