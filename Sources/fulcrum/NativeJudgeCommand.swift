import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumValues

enum SafetyReportText {
    static func render(_ r: SafetyEvaluationReport) -> String {
        var lines = ["harmful (threshold 0.5)   samples  harmful  precision  recall     F1  accuracy"]
        for h in r.harm {
            lines.append(h.source.padding(toLength: 24, withPad: " ", startingAt: 0)
                         + String(format: " %8d %8d %10.3f %7.3f %6.3f %9.3f", h.samples, h.harmful, h.precision, h.recall, h.f1, h.accuracy))
        }
        if r.actionSamples > 0 {
            lines.append(String(format: "action class (Do-Not-Answer, %d answers): accuracy %.3f, macro-F1 %.3f",
                                r.actionSamples, r.actionAccuracy, r.actionMacroF1))
            if let m = r.actionConfusion {
                lines.append("   truth\\pred " + (0...5).map { String(format: "%5d", $0) }.joined(separator: " "))
                for i in 0...5 { lines.append("   \(i)          " + m.matrix[i].map { String(format: "%5d", $0) }.joined(separator: " ")) }
            }
        }
        return lines.joined(separator: "\n")
    }
}

struct NativeJudgeTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the native safety judge on labelled safety data and report held-out figures.",
        discussion: """
        --data takes files or folders holding Do-Not-Answer data_en_4models.csv, GPTFuzz \
        responses_labeled_train.csv (with question_list.csv) and latent-jailbreak human_annotated.jsonl. \
        The split is by question (seeded), so no question is in both parts.

        Example:
          fulcrum judge train --data ../shared/data/safety --out safety.fltm
        """
    )

    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Labelled data: Do-Not-Answer, GPTFuzz or latent-jailbreak files or folders, or your own CSV/JSONL with question, answer, harmful (0/1) and optional action, language, source.") var data: [String]
    @Option(help: "Where to write the model.") var out: String
    @Option(help: "The line of a CSV's column names, when a title row sits above them (1-based; default 1).")
    var headerRow = 1
    @Option(help: "Seed of the split and of training.") var seed: UInt64 = 42
    @Option(help: "Share of samples (whole questions) held out for testing, 0…0.9.") var testShare: Double = 0.2
    @Option(help: "Training epochs.") var epochs: Int = 10
    @Option(help: "Write every sample with its side of the split (JSONL: part, source, question, answer, harmful, action) here, for baselines.")
    var splitOut: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    struct SplitLine: Encodable { var part: String, source: String, question: String, answer: String, harmful: Bool, action: Int? }

    func validate() throws {
        guard (0...0.9).contains(testShare) else { throw ValidationError("--test-share must be in 0…0.9") }
        guard epochs > 0 else { throw ValidationError("--epochs must be positive") }
        guard headerRow >= 1 else { throw ValidationError("--header-row counts lines from 1") }
    }

    func run() throws {
        try reportingErrors {
            let trained = try SafetyJudgeTraining.train(data: data.map { URL(fileURLWithPath: $0) }, headerLine: headerRow, seed: seed, testShare: testShare,
                                                        epochs: epochs, writingTo: URL(fileURLWithPath: out))
            let (samples, split, model, seconds, report) = (trained.samples, trained.split, trained.model, trained.seconds, trained.heldOut)
            if let splitOut {
                let encoder = JSONEncoder()
                var data = Data()
                for (part, indices) in [("train", split.train), ("test", split.test)] {
                    for i in indices {
                        let s = samples[i]
                        data.append(try encoder.encode(SplitLine(part: part, source: s.source, question: s.question, answer: s.answer,
                                                                 harmful: s.harmful, action: s.action)))
                        data.append(0x0A)
                    }
                }
                try data.write(to: URL(fileURLWithPath: splitOut), options: .atomic)
            }
            if format == .json { print(try JSONOutput.string(report)); return }
            let size = trained.modelBytes
            print("samples: \(samples.count) (train \(split.train.count), held out \(split.test.count), split by question, seed \(seed))")
            print("features: \(model.featurizer.vocabulary.count); trained in \(String(format: "%.1f", seconds)) s; model \(size) bytes → \(out)\n")
            if let report { print(SafetyReportText.render(report)) }
        }
    }
}

struct NativeJudgeEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate the native safety judge: harmful precision/recall/F1 per source, action-class accuracy.",
        discussion: """
        With --held-out, only the part of the data the model was not trained on is used (the split is \
        recomputed from the seed and test share recorded in the model file).

        Examples:
          fulcrum judge eval --data ../shared/data/safety --held-out
          fulcrum judge eval --model safety.fltm --data my-labelled.csv
        """
    )

    @Option(help: "Model file (default: the built-in model).") var model: String?
    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Labelled data: Do-Not-Answer, GPTFuzz or latent-jailbreak files or folders, or your own CSV/JSONL with question, answer, harmful (0/1) and optional action, language, source.") var data: [String]
    @Flag(help: "Evaluate only the held-out split recorded in the model.") var heldOut = false
    @Option(help: "The line of a CSV's column names, when a title row sits above them (1-based; default 1).")
    var headerRow = 1
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() throws {
        try reportingErrors {
            let evaluation = try SafetyJudgeEvaluation.evaluate(modelPath: model, data: data.map { URL(fileURLWithPath: $0) },
                                                            headerLine: headerRow, heldOut: heldOut)
            let (judge, report) = (evaluation.judge, evaluation.report)
            if format == .json { print(try JSONOutput.string(report)); return }
            print("judge: \(judge.identifier) (\(model ?? "built-in")); \(evaluation.samples) answers\(heldOut ? " (held-out split)" : "")\n")
            print(SafetyReportText.render(report))
        }
    }
}
