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
        With --test-share 0 every sample is used for training. With --cross-source, cross-source \
        validation (see `values eval --cross-source`) runs first with the same options, and its figures, \
        per-value out-of-fold error and the confidence calibration fitted on its out-of-fold predictions \
        are recorded in the model file.

        Example:
          fulcrum values train --out values.fltm \\
              --data ../shared/data/fulcra/fulcra_trustworthy_dev.jsonl
        """
    )

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "FULCRA-format JSONL file(s), or CSV with prompt, response and a -1/0/+1 column per value.")
    var data: [String]
    @OptionGroup var header: HeaderRowOption
    @Option(help: "Where to write the model.") var out: String
    @Option(help: "Share of samples (whole prompts) held out for testing, 0…0.9.") var testShare: Double = 0.2
    @Option(help: "Write the split (0-based sample indices of train and test) as JSON here.") var splitOut: String?
    @OptionGroup var training: ValueTrainingOptions
    @Flag(help: "Run cross-source validation first and record its figures and calibration in the model.") var crossSource = false
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        guard (0...0.9).contains(testShare) else { throw ValidationError("--test-share must be in 0…0.9") }
    }

    func run() throws {
        try reportingErrors {
            var options = training.options(testShare: testShare)
            options.crossSource = crossSource
            let trained = try ValueModelTraining.train(data: data.map { URL(fileURLWithPath: $0) }, options: options,
                                                       writingTo: URL(fileURLWithPath: out), headerLine: header.line)
            let (dataset, split, model, seconds, report, size) = (trained.dataset, trained.split, trained.model, trained.seconds,
                                                                  trained.heldOut, trained.modelBytes)
            let samples = dataset.samples
            if let splitOut {
                try JSONOutput.string(["train": split.train, "test": split.test]).write(toFile: splitOut, atomically: true, encoding: .utf8)
            }
            if format == .json {
                print(try JSONOutput.string(TrainSummary(samples: samples.count, train: split.train.count, test: split.test.count,
                                                          repairedLabels: dataset.repairs.count, features: model.featurizer.vocabulary.count,
                                                          seconds: seconds, modelBytes: size, heldOut: report,
                                                          crossSource: trained.crossSource)))
                return
            }
            print("samples: \(samples.count) (train \(split.train.count), held out \(split.test.count), split by prompt, seed \(training.seed))")
            print("noisy labels repaired: \(dataset.repairs.count)")
            print("features: \(model.featurizer.vocabulary.count); trained in \(String(format: "%.1f", seconds)) s; model \(size) bytes → \(out)")
            if let report { print(""); print(ValueReportText.render(report)) }
            if let cv = trained.crossSource { print(""); print(CrossSourceText.render(cv, randomSplit: nil)) }
        }
    }

    struct TrainSummary: Encodable {
        var samples: Int, train: Int, test: Int, repairedLabels: Int, features: Int, seconds: Double, modelBytes: Int
        var heldOut: ValueEvaluationReport?
        var crossSource: ValueCrossValidation?
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
