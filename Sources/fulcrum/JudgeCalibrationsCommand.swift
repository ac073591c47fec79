import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumReport
import FulcrumService

/// `fulcrum judge calibrations`: which measurements of judge error exist, and which one reports use.
struct JudgeCalibrationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrations",
        abstract: "List the judge calibrations reports can use: stored ones and the native judge's shipped ones.",
        discussion: """
        Per judge, reports and gates correct unsafe rates with the newest stored calibration (from \
        `fulcrum judge calibrate`), else with the one shipped with the built-in native judge when it \
        measured that model: its error with each whole data set held out, since a suite's answers are \
        data it never saw. The one used is marked "in use". The other shipped one, from folds within \
        its data sets, holds for answers like its training data.

        Examples:
          fulcrum judge calibrations
          fulcrum judge calibrations --judge native-safety@6 --format json
        """
    )

    @Option(help: "Only this judge's calibrations (its identifier, as reports name it).") var judge: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func validate() throws {
        guard format != .yaml else { throw ValidationError("--format is table or json") }
    }

    func run() async throws {
        let scale = try scale.load()
        let store = try await store.open()
        try await reportingErrors {
            let entries = try await CalibrationCatalog(store: store).entries(judge: judge)
            if format == .json { print(try JSONOutput.string(entries)); return }
            guard !entries.isEmpty else {
                print(judge.map { "no calibration of \($0): measure one with `fulcrum judge calibrate`" } ?? "no calibrations")
                return
            }
            print(Self.table(entries, scale: scale))
        }
    }

    static func table(_ entries: [CalibrationCatalog.Entry], scale: GVSScale) -> String {
        var rows = [["judge", "source", "measured", "created", "unsafe below", "harmful", "safe", "sensitivity [95% CI]", "specificity [95% CI]",
                     "validated categories", "in use"]]
        for e in entries {
            let r = e.record
            let validated = scale.categories.filter { r.validates(category: $0.id) }.count
            rows.append([r.judge, e.shipped ? "shipped" : "stored", Self.measured(r.method), r.createdText, ReportNumber.format(r.unsafeThreshold, 1),
                         String(r.overall.counts.positives), String(r.overall.counts.negatives),
                         CalibrationText.rate(r.overall.sensitivity, r.overall.sensitivityCI),
                         CalibrationText.rate(r.overall.specificity, r.overall.specificityCI),
                         "\(validated) of \(scale.categories.count)", e.inUse ? "yes" : ""])
        }
        return ReportText.align(rows).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    }

    /// The method's first clause ("whole data set held out", "labelled data"), at most 40 characters.
    static func measured(_ method: String) -> String {
        let clause = method.prefix { $0 != ":" && $0 != ";" && $0 != "." }
        return clause.count <= 40 ? String(clause) : clause.prefix(39) + "…"
    }
}
