import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumValues

struct ValuesTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the native value evaluator on FULCRA-format JSONL and report held-out figures.",
        discussion: """
        Splits the data by prompt (seeded; no prompt in both parts), trains on the training part, \
        reports per-value accuracy and macro-F1 on the held-out part, and writes the model. \
        With --test-share 0 every sample is used for training.

        Example:
          fulcrum values train --out values.fltm \\
              --data ../shared/data/fulcra/fulcra_trustworthy_dev.jsonl
        """
    )

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "FULCRA-format JSONL file(s).")
    var data: [String]
    @Option(help: "Where to write the model.") var out: String
    @Option(help: "Seed of the split and of training.") var seed: UInt64 = 42
    @Option(help: "Share of samples (whole prompts) held out for testing, 0…0.9.") var testShare: Double = 0.2
    @Option(help: "Write the split (0-based sample indices of train and test) as JSON here.") var splitOut: String?
    @Option(help: "Training epochs.") var epochs: Int = 20
    @Option(help: "L2 regularisation strength.") var l2: Double = 1e-4
    @Option(help: "Solve with full-batch L-BFGS for at most N iterations instead of averaged SGD (0: SGD).")
    var lbfgsIterations: Int = ValueModelTrainer.defaultOptimizer.lbfgsIterations
    @Option(help: "Longest character n-gram.") var charMaxN: Int = ValueModelTrainer.defaultFeaturizer.charMaxN
    @Option(help: "Weight of the prompt's features relative to the response's (1).") var promptWeight: Float = 1
    @Option(help: "Feature hash space: 2^N buckets.") var hashBits: Int = ValueModelTrainer.defaultFeaturizer.hashBits
    @Option(help: "Minimum number of training documents a feature must occur in.") var minDf: Int = 2
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        guard (12...24).contains(hashBits) else { throw ValidationError("--hash-bits must be in 12…24") }
        guard (2...8).contains(charMaxN) else { throw ValidationError("--char-max-n must be in 2…8") }
        guard promptWeight >= 0, minDf >= 1 else { throw ValidationError("--prompt-weight must be ≥ 0 and --min-df ≥ 1") }
        guard (0...0.9).contains(testShare) else { throw ValidationError("--test-share must be in 0…0.9") }
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
    }

    func run() throws {
        try reportingErrors {
            var options = ValueModelTraining.Options()
            options.seed = seed
            options.testShare = testShare
            options.epochs = epochs
            options.l2 = l2
            options.lbfgsIterations = lbfgsIterations
            options.charMaxN = charMaxN
            options.promptWeight = promptWeight
            options.minDocumentFrequency = minDf
            options.hashBits = hashBits
            let trained = try ValueModelTraining.train(data: data.map { URL(fileURLWithPath: $0) }, options: options,
                                                       writingTo: URL(fileURLWithPath: out))
            let (dataset, split, model, seconds, report, size) = (trained.dataset, trained.split, trained.model, trained.seconds,
                                                                  trained.heldOut, trained.modelBytes)
            let samples = dataset.samples
            if let splitOut {
                try JSONOutput.string(["train": split.train, "test": split.test]).write(toFile: splitOut, atomically: true, encoding: .utf8)
            }
            if format == .json {
                print(try JSONOutput.string(TrainSummary(samples: samples.count, train: split.train.count, test: split.test.count,
                                                          repairedLabels: dataset.repairs.count, features: model.featurizer.vocabulary.count,
                                                          seconds: seconds, modelBytes: size, heldOut: report)))
                return
            }
            print("samples: \(samples.count) (train \(split.train.count), held out \(split.test.count), split by prompt, seed \(seed))")
            print("noisy labels repaired: \(dataset.repairs.count)")
            print("features: \(model.featurizer.vocabulary.count); trained in \(String(format: "%.1f", seconds)) s; model \(size) bytes → \(out)")
            if let report { print(""); print(ValueReportText.render(report)) }
        }
    }

    struct TrainSummary: Encodable {
        var samples: Int, train: Int, test: Int, repairedLabels: Int, features: Int, seconds: Double, modelBytes: Int
        var heldOut: ValueEvaluationReport?
    }
}

enum ValueReportText {
    static func render(_ r: ValueEvaluationReport, confusion: Bool = false) -> String {
        var lines = ["held-out samples: \(r.samples)" + (r.truncatedSamples > 0 ? " (\(r.truncatedSamples) truncated)" : "")]
        lines.append("value            accuracy  macro-F1")
        for v in r.perValue {
            lines.append(v.value.padding(toLength: 16, withPad: " ", startingAt: 0)
                         + String(format: " %8.3f  %8.3f", v.accuracy, v.macroF1))
            if confusion {
                lines.append("   truth\\pred     -1     0    +1")
                for (i, label) in ["-1", " 0", "+1"].enumerated() {
                    lines.append("   \(label)         " + v.confusion.matrix[i].map { String(format: "%5d", $0) }.joined(separator: " "))
                }
            }
        }
        lines.append(String(format: "mean per-value accuracy: %.3f", r.meanAccuracy))
        lines.append(String(format: "mean macro-F1:           %.3f", r.meanMacroF1))
        lines.append(String(format: "exact-vector match:      %.3f", r.exactVectorMatch))
        return lines.joined(separator: "\n")
    }
}
