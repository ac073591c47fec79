import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumIncidents

struct IncidentsConsensusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consensus",
        abstract: "Human coders' combined view per incident, flagging disagreements (suggestions shown apart).",
        discussion: """
        The consensus category is the one a strict majority of coders chose; otherwise none.

        Examples:
          fulcrum incidents consensus
          fulcrum incidents consensus --disputed --format json
        """
    )

    @Option(help: "Only this incident.")
    var id: String?
    @Flag(help: "Only incidents where coders disagree.")
    var disputed = false
    @Option(help: "Output format: table or json.")
    var format: IncidentOutputFormat = .table
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let entries = try reportingErrors { try Consensus.entries(from: store, incidentID: id) }
            .filter { !disputed || $0.isDisputed }
        if format == .json { print(try JSONOutput.string(entries)); return }
        if entries.isEmpty { print("no human codings yet (see `fulcrum incidents code --help`)"); return }
        for e in entries {
            let status = e.isDisputed ? "DISPUTED" : "agreed"
            print("\(fit(e.incidentID, 22)) \(fit(status, 8)) \(fit(e.category ?? "(no majority)", 40)) "
                  + "\(fit(e.lifecycle ?? "-", 15)) coders: \(e.coders.joined(separator: ", "))")
            for flag in e.disagreements { print("    ! \(flag)") }
            if !e.suggestedCategories.isEmpty { print("    suggested: \(e.suggestedCategories.joined(separator: ", "))") }
        }
    }
}

struct IncidentsAgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-coder agreement per field: Krippendorff's α (all coders, missing data) and Cohen's κ per pair.",
        discussion: """
        Sources: 'human' = codings made with `fulcrum incidents code` (fields category, layer, \
        lifecycle, severity); 'cset' = the AIID CSETv1 annotator tables (each table one coder, every \
        coded categorical field; Lives Lost and Injuries use the interval metric). CIs: percentile \
        bootstrap over incidents, seeded.

        Examples:
          fulcrum incidents agreement
          fulcrum incidents agreement --source cset
          fulcrum incidents agreement --source cset --field "Tangible Harm" \\
              --field "AI Harm Level" --format json
        """
    )

    @Option(help: "human or cset.")
    var source: AgreementSource = .human
    @Option(help: "Only these fields (repeatable).")
    var field: [String] = []
    @Option(help: "Bootstrap resamples.")
    var resamples = 1000
    @Option(help: "Bootstrap seed.")
    var seed: UInt64 = 20_260_123
    @Option(help: "Output format: table, json or csv.")
    var format: IncidentOutputFormat = .table
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let fields = field.isEmpty ? nil : field
        let analysis = AgreementAnalysis(bootstrap: Bootstrap(resamples: resamples, seed: seed))
        let results = try reportingErrors { try source.agreement(in: store, fields: fields, analysis: analysis) }
        if results.isEmpty {
            printError(source == .cset ? "error: no CSETv1 annotator codes; import the AIID folder first"
                       : "error: no human codings; see `fulcrum incidents code --help`")
            throw ExitCode(1)
        }
        switch format {
        case .json: print(try JSONOutput.string(results))
        case .csv:
            var rows: [[String]] = []
            for r in results {
                rows.append([r.field, r.metric.rawValue, "all", String(r.pairableUnits), "alpha",
                             r.alpha.map { String($0.estimate) } ?? "", r.alpha.map { String($0.lower) } ?? "",
                             r.alpha.map { String($0.upper) } ?? ""])
                for p in r.pairs {
                    rows.append([r.field, "nominal", "\(p.coderA)|\(p.coderB)", String(p.units), "kappa",
                                 p.kappa.map { String($0.estimate) } ?? "", p.kappa.map { String($0.lower) } ?? "",
                                 p.kappa.map { String($0.upper) } ?? ""])
                }
            }
            print(CSVWriter.document(header: ["field", "metric", "coders", "units", "statistic", "estimate", "lower", "upper"],
                                     rows: rows), terminator: "")
        case .table, .html:
            print("\(fit("field", 44)) \(fit("metric", 8)) units  α [95% CI]")
            for r in results {
                print("\(fit(r.field, 44)) \(fit(r.metric.rawValue, 8)) \(String(format: "%5d", r.pairableUnits))  \(interval(r.alpha))")
                for p in r.pairs {
                    let agree = p.observedAgreement.map { String(format: "%.0f%% same", $0 * 100) } ?? ""
                    print("    κ \(fit(p.coderA + " × " + p.coderB, 40)) n=\(String(format: "%4d", p.units))  "
                          + "\(p.kappa.map { interval($0) } ?? (p.units < analysis.minimumPairUnits ? "too few units" : "κ undefined (no variation)"))  \(agree)")
                }
            }
        }
    }
}

struct IncidentsStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Incidents by GVS category, layer, lifecycle stage, modality and year, with shares and Wilson 95% CIs.",
        discussion: """
        --basis picks the codes counted: human, suggested (machine suggestions) or \
        human-then-suggested (default: human codes where present, suggestions otherwise). Incidents \
        marked as duplicates by their origin are excluded. HTML output is one self-contained file \
        with inline SVG charts.

        Examples:
          fulcrum incidents stats
          fulcrum incidents stats --origin aiid --basis suggested --format csv
          fulcrum incidents stats --format html --output incidents.html
        """
    )

    @Option(help: "human, suggested or human-then-suggested.")
    var basis: CodingBasis = .humanThenSuggested
    @Option(help: "Only incidents of this origin (repeatable: aiid, avid, …).")
    var origin: [String] = []
    @Option(help: "Output format: table, json, csv or html.")
    var format: IncidentOutputFormat = .table
    @Option(help: "Write to this file instead of standard output.")
    var output: String?
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let stats = try reportingErrors { try IncidentStatistics.compute(store: store, basis: basis, origins: origin) }
        switch format {
        case .json: try emit(try JSONOutput.string(stats), to: output)
        case .html: try emit(IncidentReportPage.render(stats), to: output)
        case .csv:
            let rows = stats.sections.flatMap { section in
                section.shares.map { [section.name, $0.key, $0.label, String($0.count), String($0.total), String($0.share),
                                      $0.interval.map { String($0.lower) } ?? "", $0.interval.map { String($0.upper) } ?? ""] }
            }
            try emit(CSVWriter.document(header: ["section", "key", "label", "count", "total", "share", "ci_lower", "ci_upper"],
                                        rows: rows), to: output)
        case .table:
            var lines = ["\(stats.incidents) incidents, \(stats.codedIncidents) coded (basis: \(stats.basis.rawValue))"]
            for (name, shares) in stats.sections {
                lines.append("")
                lines.append("by \(name):")
                for s in shares {
                    lines.append("  \(fit(s.label, 56)) \(String(format: "%6d", s.count)) / \(s.total)  \(percent(s.share))  "
                                 + (s.interval.map { "[\(percent($0.lower)), \(percent($0.upper))]" } ?? ""))
                }
            }
            try emit(lines.joined(separator: "\n"), to: output)
        }
    }
}

extension CodingBasis: ExpressibleByArgument {}
extension AgreementSource: ExpressibleByArgument {}
