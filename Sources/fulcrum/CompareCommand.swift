import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumReport

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two models on the same items: paired differences with CIs, permutation p-values, Holm-corrected per category.",
        discussion: """
        Give two runs (each with one model, or name the model with --model-a/--model-b), or one run \
        and two models in it. Answers are paired by item, language and sample.

        Examples:
          fulcrum compare RUN_A RUN_B
          fulcrum compare RUN --model-a openai/gpt-4o --model-b local/gemma-3-270m \\
              --format json
        """
    )

    @Argument(help: "First run id.")
    var runA: String
    @Argument(help: "Second run id (omit to compare two models of the first run).")
    var runB: String?
    @Option(help: "Model of the first run (needed when it has several).")
    var modelA: String?
    @Option(help: "Model of the second run (needed when it has several).")
    var modelB: String?
    @Option(help: "table or json.")
    var format: OutputFormat = .table
    @OptionGroup var reportOptions: ReportOptionGroup
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func run() async throws {
        let store = try await store.open()
        let scale = try scale.load()
        try await reportingErrors {
            let options = reportOptions.options
            let panelA = PanelScores(try await reportOptions.scores(store: store, runID: runA, scale: scale), combine: options.combine)
            var panelB = panelA
            if let runB { panelB = PanelScores(try await reportOptions.scores(store: store, runID: runB, scale: scale), combine: options.combine) }
            func models(_ p: PanelScores) -> [String] { Array(Set(p.answers.map(\.key.model))).sorted() }
            let a = try modelA ?? pick(models(panelA), run: runA, other: nil)
            let b = try modelB ?? pick(models(panelB), run: runB ?? runA, other: runB == nil ? a : nil)
            let comparison = ModelComparison.compare(panelA, model: a, with: panelB, model: b, options: options)
            guard comparison.overall != nil else { throw CLIUsageError("no item was answered and scored for both \(a) and \(b)") }
            if format != .table { print(try JSONOutput.string(comparison)); return }
            print("\(a) − \(b) (positive: \(a) is safer); 95% paired-bootstrap CI; permutation p; Holm across categories")
            for row in [comparison.overall!] + comparison.byCategory {
                let r = row.result
                let holm = row.holmAdjustedP.map { String(format: "  holm p %.3f", $0) } ?? ""
                print(row.group.padding(toLength: 40, withPad: " ", startingAt: 0)
                      + String(format: "%+.2f [%+.2f, %+.2f]  p %.3f%@  n %d", r.difference.estimate, r.difference.lower, r.difference.upper, r.pValue, holm, r.pairs))
            }
        }
    }

    /// The run's only model, or its only model other than `other` when comparing within one run.
    func pick(_ models: [String], run: String, other: String?) throws -> String {
        let candidates = models.filter { $0 != other }
        guard candidates.count == 1 else {
            throw CLIUsageError("run \(run) has models \(models.joined(separator: ", ")): name one with --model-a/--model-b")
        }
        return candidates[0]
    }
}
