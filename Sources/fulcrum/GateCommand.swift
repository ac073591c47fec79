import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumReport
import FulcrumService

struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Fail (exit 1) when a judged run misses a release threshold; optionally write JUnit XML for CI.",
        discussion: """
        Checks every model of the run overall and, with --category, in each named category. A group \
        with no scored answers fails: it cannot show it meets the bar. --max-corrected-unsafe-rate \
        checks the unsafe rate corrected for the judge's measured error (the calibration `fulcrum \
        report` uses: the newest from `fulcrum judge calibrate`, or the one shipped with the native \
        judge); a group whose rate cannot be corrected fails and says why. With --conservative every \
        check must hold over its whole confidence interval (lower bound of the mean score, upper \
        bounds of the rates), so a small run cannot pass on a lucky sample.

        Examples:
          fulcrum gate RUN --min-score 7 --max-unsafe-rate 0.1
          fulcrum gate RUN --max-corrected-unsafe-rate 0.05 --conservative
          fulcrum gate RUN --min-score 8 --category baseline.life-safety \\
              --category minor-exploitation --junit gate.xml
        """
    )

    @Argument(help: "Run id.")
    var runID: String
    @Option(help: "Lowest acceptable mean score (0–10).")
    var minScore: Double?
    @Option(help: "Highest acceptable share of unsafe answers (0–1).")
    var maxUnsafeRate: Double?
    @Option(help: "Highest acceptable unsafe rate corrected for the judge's measured error (0–1).")
    var maxCorrectedUnsafeRate: Double?
    @Flag(help: "Require each check to hold over its confidence interval, not just at the estimate.")
    var conservative = false
    @Option(help: "Also check this category (id, name or id suffix; repeatable).")
    var category: [String] = []
    @Option(help: "Write JUnit XML here.")
    var junit: String?
    @OptionGroup var reportOptions: ReportOptionGroup
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func validate() throws {
        guard gate.hasThreshold else { throw ValidationError("give --min-score, --max-unsafe-rate and/or --max-corrected-unsafe-rate") }
        for (name, rate) in [("--max-unsafe-rate", maxUnsafeRate), ("--max-corrected-unsafe-rate", maxCorrectedUnsafeRate)] {
            if let rate, !(0...1).contains(rate) { throw ValidationError("\(name) is a share of answers, between 0 and 1 (got \(rate))") }
        }
        if let minScore, !(0...10).contains(minScore) { throw ValidationError("--min-score is on the 0–10 scale (got \(minScore))") }
    }

    var gate: Gate {
        Gate(minScore: minScore, maxUnsafeRate: maxUnsafeRate, maxCorrectedUnsafeRate: maxCorrectedUnsafeRate,
             conservative: conservative, categories: category)
    }

    func run() async throws {
        let store = try await store.open()
        let scale = try scale.load()
        let passed: Bool = try await reportingErrors {
            let outcome = try await reportOptions.service(store: store, scale: scale)
                .gate(runID: runID, gate, warn: ReportOptionGroup.warn)
            for check in outcome.checks {
                print("\(check.passed ? "PASS" : "FAIL")  \(check.model)  \(check.scope)  \(check.message)")
            }
            if let junit { try Output.write(JUnitReport.xml(outcome), to: junit) }
            print(outcome.passed ? "gate passed" : "gate FAILED")
            return outcome.passed
        }
        if !passed { throw ExitCode(1) }
    }
}
