import ArgumentParser
import FulcrumValues

/// Options that describe how a value model is trained; shared by `values train` and
/// `values eval --cross-source` (which trains one model per fold with them).
struct ValueTrainingOptions: ParsableArguments {
    @Option(help: "Seed of the split and of training.") var seed: UInt64 = 42
    @Option(help: "Training epochs (SGD only).") var epochs: Int = 20
    @Option(help: "L2 regularisation strength.") var l2: Double = ValueModelTraining.Options().l2
    @Option(help: "Solve with full-batch L-BFGS for at most N iterations instead of averaged SGD (0: SGD).")
    var lbfgsIterations: Int = ValueModelTrainer.defaultOptimizer.lbfgsIterations
    @Option(help: "Longest word n-gram.") var wordMaxN: Int = ValueModelTrainer.defaultFeaturizer.wordMaxN
    @Option(help: "Shortest character n-gram.") var charMinN: Int = ValueModelTrainer.defaultFeaturizer.charMinN
    @Option(help: "Longest character n-gram.") var charMaxN: Int = ValueModelTrainer.defaultFeaturizer.charMaxN
    @Option(help: "Weight of the prompt's features relative to the response's.") var promptWeight: Float = ValueModelTraining.Options().promptWeight
    @Option(help: "Feature hash space: 2^N buckets.") var hashBits: Int = ValueModelTrainer.defaultFeaturizer.hashBits
    @Option(help: "Minimum number of training documents a feature must occur in.") var minDf: Int = 2
    @Option(help: "Exponent of the class-balancing weights: 1 balanced, 0 unweighted.") var balancePower: Double = ValueModelTraining.Options().balancePower
    @Flag(help: "Choose per-value decision offsets (how readily a value is judged at stake, −1/+1 rather than 0) by an inner leave-one-answering-model-out validation on the training data, and store them in the model (one extra training per answering model).")
    var decisionOffsets = false

    func validate() throws {
        guard (12...24).contains(hashBits) else { throw ValidationError("--hash-bits must be in 12…24") }
        guard (1...8).contains(charMinN), (charMinN...8).contains(charMaxN) else { throw ValidationError("--char-min-n and --char-max-n must satisfy 1 ≤ min ≤ max ≤ 8") }
        guard (1...4).contains(wordMaxN) else { throw ValidationError("--word-max-n must be in 1…4") }
        guard promptWeight >= 0, minDf >= 1 else { throw ValidationError("--prompt-weight must be ≥ 0 and --min-df ≥ 1") }
        guard epochs > 0, l2 > 0 else { throw ValidationError("--epochs and --l2 must be positive") }
        guard (0...2).contains(balancePower) else { throw ValidationError("--balance-power must be in 0…2") }
    }

    func options(testShare: Double) -> ValueModelTraining.Options {
        var o = ValueModelTraining.Options()
        o.seed = seed
        o.testShare = testShare
        o.epochs = epochs
        o.l2 = l2
        o.lbfgsIterations = lbfgsIterations
        o.wordMaxN = wordMaxN
        o.charMinN = charMinN
        o.charMaxN = charMaxN
        o.promptWeight = promptWeight
        o.minDocumentFrequency = minDf
        o.hashBits = hashBits
        o.balancePower = balancePower
        o.decisionOffsets = decisionOffsets
        return o
    }
}
