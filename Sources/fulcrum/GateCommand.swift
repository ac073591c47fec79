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
        with no scored answers fails: it cannot show it meets the bar.

        Examples:
          fulcrum gate RUN --min-score 7 --max-unsafe-rate 0.1
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
    @Option(help: "Also check this category (id, name or id suffix; repeatable).")
    var category: [String] = []
    @Option(help: "Write JUnit XML here.")
    var junit: String?
    @OptionGroup var reportOptions: ReportOptionGroup
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func validate() throws {
        guard minScore != nil || maxUnsafeRate != nil else { throw ValidationError("give --min-score and/or --max-unsafe-rate") }
    }

    func run() async throws {
        let store = try await store.open()
        let scale = try scale.load()
        let passed: Bool = try await reportingErrors {
            let outcome = try await reportOptions.service(store: store, scale: scale)
                .gate(runID: runID, minScore: minScore, maxUnsafeRate: maxUnsafeRate, categories: category, warn: ReportOptionGroup.warn)
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
