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
        With --held-out, only the part of the data the model was not trained on is used (the split is \
        recomputed from the seed and test share recorded in the model file).

        Examples:
          fulcrum values eval --model values.fltm --data held-out.jsonl
          fulcrum values eval --data ../shared/data/fulcra/fulcra_trustworthy_dev.jsonl --held-out
        """
    )

    @Option(help: "Model file (default: the built-in model).") var model: String?
    @Option(help: "Labelled FULCRA-format JSONL file.") var data: String
    @Flag(help: "Evaluate only the held-out split recorded in the model (seed and test share).") var heldOut = false
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() throws {
        try reportingErrors {
            let evaluation = try ValueModelEvaluation.evaluate(modelPath: model, data: [URL(fileURLWithPath: data)], heldOut: heldOut)
            let (evaluator, dataset, report) = (evaluation.evaluator, evaluation.dataset, evaluation.report)
            if format == .json { print(try JSONOutput.string(report)); return }
            print("model: \(model ?? "built-in") (\(evaluator.identifier)); noisy labels repaired: \(dataset.repairs.count)")
            if report.truncatedSamples > 0 {
                print("note: \(report.truncatedSamples) sample(s) longer than \(evaluator.model.featurizer.config.maxScalarsPerField) characters per field were truncated")
            }
            print(ValueReportText.render(report, confusion: true))
        }
    }
}

struct ValuesScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score dialogues in JSONL (`dialogue` or `prompt`+`response`) with the native value evaluator.",
        discussion: """
        Writes one JSON line per input line: id, line, vector (10 numbers in FULCRA order), \
        labels, confidence, status (scored | empty-response) and truncated.

        Examples:
          fulcrum values score answers.jsonl --out scored.jsonl
          fulcrum values score 20261123-105933-3f9a1c       (a stored run's answers)
        """
    )

    @Option(help: "Model file (default: the built-in model).") var model: String?
    @Argument(help: "A JSONL file to score, or a run id.") var file: String
    @OptionGroup var store: StoreOptions
    @Option(help: "Write JSONL here instead of standard output.") var out: String?

    func run() async throws {
        try await reportingErrors {
            let started = Date()
            let scored = try await ValueScoringService.score(file, modelPath: model, location: try store.location())
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
