import ArgumentParser
import Foundation
import FulcrumIncidents

struct IncidentsImportCommand: ParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case aiid, avid, mapped }

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import incidents (idempotent: a re-import updates, never duplicates, and reports 0 changes).",
        discussion: """
        Kinds:
          aiid DIR     an AI Incident Database snapshot folder (incidents.csv,
                       duplicates.csv, classifications_*.csv kept as foreign codes)
          avid DIR     a folder of AVID report and vulnerability JSON files (recursive)
          mapped FILE  any .csv or .jsonl file, with --mapping describing its columns

        Mapping file (JSON). `id` and `title` are required, everything else optional; list columns \
        take a JSON array or values separated by ';' or '|'; modality is text|image|video|audio:
          {
            "origin": "aiaaic",
            "columns": {
              "id": "AIAAIC ID#", "title": "Headline", "date": "Occurred",
              "description": "Summary", "reportText": ["Issue"], "sourceURLs": "Links",
              "deployers": "Deployer", "developers": "Developer",
              "harmedParties": "Affected", "systems": "System name",
              "modality": "Media"
            },
            "foreignCodes": {"taxonomy": "AIAAIC", "fields": ["Issue", "Sector"]}
          }

        Dates may be year periods (2023-2024, or 2022- with no end), kept as given; --since \
        finds a period that has not ended before it.

        Bad rows are skipped and listed as FILE:LINE: reason; the command then exits with status 2 \
        (use --allow-skips to exit 0). Good rows are imported in one transaction.

        Examples:
          fulcrum incidents import aiid ../shared/data/incidents/aiid
          fulcrum incidents import avid ../shared/data/incidents/avid/reports
          fulcrum incidents import mapped team.csv --mapping team-mapping.json
          fulcrum incidents import mapped export.csv --mapping m.json --header-row 3
        """
    )

    @Argument(help: "aiid, avid or mapped.")
    var kind: Kind
    @Argument(help: "Folder (aiid, avid) or file (mapped).")
    var path: String
    @Option(help: "Column-mapping JSON file (required for 'mapped').")
    var mapping: String?
    @OptionGroup var header: HeaderRowOption
    @Flag(help: "Exit 0 even when rows were skipped.")
    var allowSkips = false
    @Option(help: "Output format: table or json.")
    var format: IncidentOutputFormat = .table
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let url = URL(fileURLWithPath: path)
        let summary = try reportingErrors { () throws -> ImportSummary in
            let source: IncidentSource
            switch kind {
            case .aiid: source = .aiid(directory: url)
            case .avid: source = .avid(directory: url)
            case .mapped:
                guard let mapping else {
                    throw IncidentError.invalidMapping(path: path, reason: "'mapped' needs --mapping FILE")
                }
                source = .mapped(file: url, mapping: URL(fileURLWithPath: mapping), headerLine: header.line)
            }
            return try source.importIncidents(into: store)
        }
        print(format == .json ? try JSONOutput.string(summary) : summary.text)
        if !summary.skipped.isEmpty && !allowSkips { throw ExitCode(2) }
    }
}
