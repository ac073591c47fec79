import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumService
import FulcrumValues

struct ValuesEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a value model on labelled FULCRA-format JSONL: accuracy, macro-F1, confusion matrices.",
        discussion: """
        Dialogues the model was trained on are left out and counted (the model file records them): \
        figures on them would be in sample. With --held-out, only the held-out part of the data is \
        used (the split is recomputed from the seed and test share recorded in the model file). The output ends with the \
        reliability of the per-value confidences (ECE and a reliability diagram), raw and calibrated.

        With --cross-source no model is read: one model per fold is trained with the training options \
        and measured on the held-out fold: leave one response_source (answering model) out, and leave \
        one query_source out (folds of ≥ 30 dialogues); prompts of the held-out fold are dropped from \
        its training part. Per fold, mean and worst fold of macro-F1, accuracy and exact-vector match, \
        beside the seeded random by-prompt split; then the out-of-fold calibration (ECE before/after). \
        --folds-out writes the fold membership for scripts/baseline/values_baseline.py --folds.

        Examples:
          fulcrum values eval --model values.fltm --data held-out.jsonl
          fulcrum values eval --data my-values.csv
          fulcrum values eval --data ../shared/data/fulcra/fulcra_trustworthy_dev.jsonl --cross-source --folds-out folds.json
        """
    )

    @Option(help: "Model file (default: the built-in model).") var model: String?
    @Option(help: "Labelled FULCRA-format JSONL file, or CSV with prompt, response and a -1/0/+1 column per value.") var data: String
    @OptionGroup var header: HeaderRowOption
    @Flag(help: "Evaluate only the held-out split recorded in the model (seed and test share).") var heldOut = false
    @Flag(help: "Cross-source validation: train one model per held-out source with the training options.") var crossSource = false
    @Option(help: "With --cross-source: write the folds (0-based sample indices) as JSON here.") var foldsOut: String?
    @OptionGroup(title: "Training options (with --cross-source)") var training: ValueTrainingOptions
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        guard crossSource || foldsOut == nil else { throw ValidationError("--folds-out needs --cross-source") }
        guard !(crossSource && (heldOut || model != nil)) else { throw ValidationError("--cross-source trains its own models: drop --model and --held-out") }
    }

    func run() throws {
        try reportingErrors {
            if crossSource {
                let e = try ValueCrossSourceEvaluation.evaluate(data: [URL(fileURLWithPath: data)], options: training.options(testShare: 0.2),
                                                              headerLine: header.line)
                if let foldsOut {
                    try JSONOutput.string(["folds": e.crossSource.membership]).write(toFile: foldsOut, atomically: true, encoding: .utf8)
                }
                if format == .json { print(try JSONOutput.string(e)); return }
                print(CrossSourceText.render(e.crossSource, randomSplit: e.randomSplit))
                return
            }
            let evaluation = try ValueModelEvaluation.evaluate(modelPath: model, data: [URL(fileURLWithPath: data)], heldOut: heldOut,
                                                               headerLine: header.line)
            let (evaluator, dataset, report) = (evaluation.evaluator, evaluation.dataset, evaluation.report)
            if format == .json {
                print(try JSONOutput.string(EvalSummary(report: report, reliability: evaluation.reliability,
                                                        crossSourcePerValue: evaluator.outOfFoldError)))
                return
            }
            print("model: \(model ?? "built-in") (\(evaluator.identifier)); noisy labels repaired: \(dataset.repairs.count)")
            if evaluation.leftOutAsTraining > 0 {
                print("measured on \(report.samples) dialogues; \(evaluation.leftOutAsTraining) more left out: the model was trained on them")
            }
            if report.truncatedSamples > 0 {
                print("note: \(report.truncatedSamples) sample(s) longer than \(evaluator.model.featurizer.config.maxScalarsPerField) characters per field were truncated")
            }
            print(ValueReportText.render(report, confusion: true))
            print("")
            print(ReliabilityText.render(evaluation.reliability))
        }
    }

    struct EvalSummary: Encodable {
        var report: ValueEvaluationReport
        var reliability: ValueConfidenceReliability
        var crossSourcePerValue: [ValueOutOfFoldError]?

        func encode(to encoder: Encoder) throws {
            // The report's fields stay at the top level, as before; the reliability is added beside them.
            try report.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(reliability, forKey: .reliability)
            try c.encodeIfPresent(crossSourcePerValue, forKey: .crossSourcePerValue)
        }

        enum Key: String, CodingKey { case reliability, crossSourcePerValue }
    }
}

struct ValuesScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score dialogues in JSONL or CSV (`dialogue` or `prompt`+`response`) with the native value evaluator.",
        discussion: """
        Writes one JSON line per input line: id, line, vector (10 numbers in FULCRA order), \
        labels, confidence, status (scored | empty-response) and truncated.

        Examples:
          fulcrum values score answers.jsonl --out scored.jsonl
          fulcrum values score sheet.csv --header-row 2     (a title row above the columns)
          fulcrum values score 20261123-105933-3f9a1c       (a stored run's answers)
        """
    )

    @Option(help: "Model file (default: the built-in model).") var model: String?
    @Argument(help: "A JSONL or CSV file to score, or a run id.") var file: String
    @OptionGroup var store: StoreOptions
    @Option(help: "Write JSONL here instead of standard output.") var out: String?
    @OptionGroup var header: HeaderRowOption

    func run() async throws {
        try await reportingErrors {
            let started = Date()
            let scored = try await ValueScoringService.score(file, modelPath: model, location: try store.location(), headerLine: header.line)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var output = Data()
            for line in scored.scoring.lines {
                output.append(try encoder.encode(line))
                output.append(0x0A)
            }
            if let out {
                try output.write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                FileHandle.standardOutput.write(output)
            }
            let seconds = Date().timeIntervalSince(started)
            let (empty, truncated) = (scored.scoring.empty, scored.scoring.truncated)
            printError("scored \(scored.scoring.lines.count) record(s) in \(String(format: "%.2f", seconds)) s"
                       + " (model load \(String(format: "%.3f", scored.modelLoadSeconds)) s)"
                       + (empty > 0 ? "; \(empty) empty response(s) given a zero vector with confidence 0" : "")
                       + (truncated > 0 ? "; \(truncated) truncated to \(scored.evaluator.model.featurizer.config.maxScalarsPerField) characters per field" : ""))
        }
    }
}
