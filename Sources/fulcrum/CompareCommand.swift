import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumReport
import FulcrumService
import FulcrumValues

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
    @Flag(help: "Leave out the difference of the value profiles (FULCRA value vectors of every paired answer).")
    var noValues = false
    @OptionGroup var reportOptions: ReportOptionGroup
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func run() async throws {
        let store = try await store.open()
        let scale = try scale.load()
        try await reportingErrors {
            let compared = try await reportOptions.service(store: store, scale: scale)
                .compare(runA: runA, runB: runB, modelA: modelA, modelB: modelB, includeValues: !noValues, warn: ReportOptionGroup.warn)
            if format != .table { print(try JSONOutput.string(compared)); return }
            let comparison = compared.comparison
            let (a, b) = (comparison.modelA, comparison.modelB)
            print("mean score \(a) − \(b) (positive: \(a) is safer); 95% paired t CI; permutation p; Holm across categories;")
            print("unsafe rate \(a) − \(b) (positive: \(a) is flagged more), observed and corrected for the judge's measured error")
            var reasons: [String] = []
            for row in [comparison.overall!] + comparison.byCategory {
                let r = row.result
                let holm = row.holmAdjustedP.map { String(format: "  holm p %.3f", $0) } ?? ""
                var line = row.group.padding(toLength: 40, withPad: " ", startingAt: 0)
                    + String(format: "%+.2f ", r.estimate)
                    + (r.difference.map { String(format: "[%+.2f, %+.2f]", $0.lower, $0.upper) } ?? "[no CI: one pair]")
                    + String(format: "  p %.3f%@  n %d", r.pValue, holm, r.pairs)
                if let u = row.unsafeRate {
                    line += String(format: "  unsafe %+.3f [%+.3f, %+.3f]", u.observed, u.lower, u.upper)
                    if let c = u.corrected {
                        line += String(format: ", corrected %+.3f", c)
                        if let lo = u.correctedLower, let hi = u.correctedUpper { line += String(format: " [%+.3f, %+.3f]", lo, hi) }
                    }
                    if let reason = u.reason, !reasons.contains(reason) { reasons.append(reason) }
                }
                print(line)
            }
            if let calibration = comparison.overall?.unsafeRate?.calibration {
                print("corrected with: \(calibration.judge): \(calibration.method), created \(calibration.created)")
            }
            for reason in reasons { print("not corrected: \(reason)") }
            if let values = compared.values { print(ValueDifferenceText.table(values, a: a, b: b), terminator: "") }
        }
    }
}

enum ValueDifferenceText {
    static func table(_ difference: ValueProfileDifference, a: String, b: String) -> String {
        var out = "\nvalue profile \(a) − \(b) (\(difference.evaluator); mean label −1 … +1 of A minus B over \(difference.pairs) pairs); "
            + "95% interval of the labels, then with the evaluator's error on each model\n"
        for row in difference.values {
            out += row.value.displayName.padding(toLength: 40, withPad: " ", startingAt: 0)
                + String(format: "%+.2f [%+.2f, %+.2f]", row.difference.estimate, row.difference.lower, row.difference.upper)
            if let e = row.withEvaluatorError { out += String(format: "  with evaluator error [%+.2f, %+.2f]", e.lower, e.upper) }
            out += "\n"
        }
        if difference.values.contains(where: { $0.withEvaluatorError != nil }) { out += ValueProfileDifference.evaluatorErrorNote + "\n" }
        if let sentence = difference.unvalidatedLanguageSentence { out += sentence + "\n" }
        return out
    }
}
