import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumValues

/// Loads the model named on the command line, or the one shipped with Fulcrum.
func loadValueEvaluator(_ path: String?) throws -> NativeValueEvaluator {
    if let path { return try NativeValueEvaluator(contentsOf: URL(fileURLWithPath: path)) }
    return try NativeValueEvaluator.builtIn()
}

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
            let evaluator = try loadValueEvaluator(model)
            let dataset = try ValueDataset.load([URL(fileURLWithPath: data)])
            var samples = dataset.samples
            if heldOut {
                let seed = UInt64(evaluator.model.metadata["seed"] ?? "") ?? 42
                let share = Double(evaluator.model.metadata["testShare"] ?? "") ?? 0.2
                let split = PromptSplit(promptKeys: samples.map(\.dialogue.promptKey), seed: seed, testShare: share)
                samples = split.test.map { samples[$0] }
            }
            let report = ValueEvaluationReport.evaluate(evaluator, on: samples)
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

    struct Line: Encodable {
        var line: Int, id: String?, model: String?, vector: ValueVector, labels: [String], confidence: [Double?]
        var status: String, truncated: Bool
    }

    func run() async throws {
        try await reportingErrors {
            let started = Date()
            let evaluator = try loadValueEvaluator(model)
            let loadSeconds = Date().timeIntervalSince(started)
            let records = try await AnswerSource.load(file, store: store)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var output = Data()
            var truncated = 0, empty = 0
            for record in records {
                var a = evaluator.assess(prompt: record.dialogue.prompt, response: record.dialogue.response)
                a.confidence = a.confidence.map { $0.map { ($0 * 10_000).rounded() / 10_000 } }
                if a.truncated { truncated += 1 }
                if a.status == .emptyResponse { empty += 1 }
                output.append(try encoder.encode(Line(line: record.line, id: record.id, model: record.model, vector: a.vector, labels: a.vector.labels,
                                                      confidence: a.confidence, status: a.status.rawValue, truncated: a.truncated)))
                output.append(0x0A)
            }
            if let out {
                try output.write(to: URL(fileURLWithPath: out), options: .atomic)
            } else {
                FileHandle.standardOutput.write(output)
            }
            let seconds = Date().timeIntervalSince(started)
            printError("scored \(records.count) record(s) in \(String(format: "%.2f", seconds)) s"
                       + " (model load \(String(format: "%.3f", loadSeconds)) s)"
                       + (empty > 0 ? "; \(empty) empty response(s) given a zero vector with confidence 0" : "")
                       + (truncated > 0 ? "; \(truncated) truncated to \(evaluator.model.featurizer.config.maxScalarsPerField) characters per field" : ""))
        }
    }
}
