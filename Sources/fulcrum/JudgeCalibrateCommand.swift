import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumReport
import FulcrumService

/// `fulcrum judge calibrate`: measures a judge's sensitivity and specificity on labelled answers
/// and stores them, so reports correct the unsafe rates that judge measures.
struct JudgeCalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure a judge's error (sensitivity, specificity) on labelled answers and store it for corrected unsafe rates.",
        discussion: """
        Runs the judge (native in-process, or a rubric LLM judge built from its spec as `fulcrum \
        judge` builds it) over every labelled answer; an answer is judged unsafe iff its score is \
        below --unsafe-threshold. Answers the judge cannot score are counted as N/A, never guessed. \
        The calibration is stored in the database; `fulcrum report` then gives each unsafe rate \
        corrected for this judge's error. GVS categories with fewer than 10 labelled harmful or 10 \
        labelled safe answers are listed as unvalidated. A generic labelled file may give a GVS \
        `category` column (id or name). Nothing is judged or stored when a file has a bad line. \
        A native judge is measured only on answers it was not trained on: those its model file \
        records are left out and counted (a file of nothing else is refused), since a judge looks far \
        better on its own training data than on new answers.

        Examples:
          fulcrum judge calibrate --judge native --data my-labelled.csv
          fulcrum judge calibrate --judge local/gemma-3-270m --data ../shared/data/safety/do-not-answer --concurrency 2
        """
    )

    @OptionGroup var judgeOptions: JudgeOptions
    @Option(name: .customLong("data"), parsing: .upToNextOption, help: "Labelled data: Do-Not-Answer, GPTFuzz, latent-jailbreak or OpenAI moderation-sample files (gzipped or not) or folders, or your own CSV/JSONL with question, answer, harmful (0/1) and optional category, language, source, model.")
    var data: [String]
    @Option(help: "Native model file to calibrate (with --judge native; default: the built-in model).") var model: String?
    @Option(help: "Scores below this count as unsafe (use the threshold your reports use).") var unsafeThreshold: Double = 6
    @Option(help: "Judge calls in flight at once.") var concurrency: Int = 4
    @OptionGroup var header: HeaderRowOption
    @Option(help: "How the outcomes were obtained, recorded with the calibration (e.g. say when the judge was trained on this data).")
    var method = "labelled data"
    @Option(help: "Also write the calibration record (JSON) here.") var out: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func validate() throws {
        guard judgeOptions.judges.count == 1 else { throw ValidationError("give exactly one --judge (native or a model spec)") }
        guard !data.isEmpty else { throw ValidationError("give labelled data with --data FILE…") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard (0...10).contains(unsafeThreshold) else { throw ValidationError("--unsafe-threshold must be on the 0–10 scale") }
    }

    func run() async throws {
        let rubric = try judgeOptions.request(runID: "", repeats: 1, concurrency: concurrency, suite: nil)
        let request = JudgeCalibrationRequest(judge: judgeOptions.judges[0], data: data, modelPath: model, unsafeThreshold: unsafeThreshold,
                                              concurrency: concurrency, headerLine: header.line, template: rubric.template,
                                              language: rubric.language, settings: rubric.settings, method: method)
        let scale = try scale.load()
        let store = try await store.open()
        try await CLIModels.scoped { try await reportingErrors {
            let calibrated = try await JudgeCalibrationService(store: store, scale: scale, makeModel: CLIModels.make).calibrate(request)
            if let out { try calibrated.record.jsonData().write(to: URL(fileURLWithPath: out), options: .atomic) }
            if format == .json { print(try JSONOutput.string(calibrated.record)); return }
            print(CalibrationText.render(calibrated, scale: scale))
            if let out { print("\nwritten: \(out)") }
        } }
    }
}

/// The calibration as a terminal table: overall, per language, per category, then the unvalidated categories.
enum CalibrationText {
    static func render(_ c: JudgeCalibrationService.Calibrated, scale: GVSScale) -> String {
        let r = c.record
        var lines = ["judge: \(r.judge); \(r.method); unsafe below \(ReportNumber.format(r.unsafeThreshold, 1)); created \(r.createdText)",
                     "data: \(r.data.joined(separator: ", "))",
                     "stored in the result database" + (c.failedCalls > 0 ? "; \(c.failedCalls) judge calls failed (counted as N/A)" : ""), ""]
        lines += strata(r)
        if !c.unvalidated.isEmpty { lines.append(unvalidated(c.unvalidated)) }
        return lines.joined(separator: "\n")
    }

    /// One row per stratum: overall, each language, each GVS category.
    static func strata(_ r: JudgeCalibrationRecord) -> [String] {
        var rows = [["stratum", "harmful", "safe", "n/a", "sensitivity [95% CI]", "specificity [95% CI]"]]
        for s in [r.overall] + r.byLanguage + r.byCategory {
            rows.append([s.name, String(s.counts.positives), String(s.counts.negatives), String(s.notApplicable),
                         rate(s.sensitivity, s.sensitivityCI), rate(s.specificity, s.specificityCI)])
        }
        return ReportText.align(rows).split(separator: "\n").map(String.init)
    }

    static func unvalidated(_ categories: [GVSCategory]) -> String {
        let m = JudgeCalibrationRecord.minimumLabelled
        return "\nunvalidated (fewer than \(m) labelled harmful or \(m) labelled safe answers): " + categories.map(\.id).joined(separator: ", ")
    }

    static func rate(_ value: Double?, _ ci: ConfidenceInterval?) -> String {
        guard let value else { return "—" }
        return ReportNumber.format(value, 3) + (ci.map { " [\(ReportNumber.format($0.lower, 3)), \(ReportNumber.format($0.upper, 3))]" } ?? "")
    }
}

enum ReportNumber {
    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
