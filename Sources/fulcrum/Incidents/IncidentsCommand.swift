import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumIncidents

struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "Incident repository: import AIID/AVID/any CSV or JSONL, search, code into the GVS-Scale, measure agreement.",
        discussion: """
        Incidents live in their own SQLite file (default .fulcrum/incidents.sqlite, --db to change). \
        Human codes and machine suggestions are stored apart and never mixed.

        Start here:
          fulcrum incidents import aiid ../shared/data/incidents/aiid
          fulcrum incidents import avid ../shared/data/incidents/avid/reports
          fulcrum incidents search "voice clone"
          fulcrum incidents stats --format html --output incidents.html
        """,
        subcommands: [IncidentsImportCommand.self, IncidentsSearchCommand.self, IncidentsShowCommand.self,
                      IncidentsCodeCommand.self, IncidentsConsensusCommand.self, IncidentsAgreementCommand.self,
                      IncidentsStatsCommand.self, IncidentsDraftItemsCommand.self, IncidentsExportCommand.self,
                      IncidentsBenchCommand.self]
    )
}

struct IncidentDatabaseOptions: ParsableArguments {
    @Option(help: "Incident database file.")
    var db: String = IncidentStore.defaultPath

    func open() throws -> IncidentStore { try reportingErrors { try IncidentStore(path: db) } }
}

/// Output formats of incident commands.
enum IncidentOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, html
}

/// Writes command output to a file or standard output.
func emit(_ text: String, to output: String?) throws {
    guard let output else { print(text, terminator: text.hasSuffix("\n") ? "" : "\n"); return }
    try reportingErrors {
        do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
            throw IncidentError.unreadable(path: output, reason: "cannot write: \(error.localizedDescription)")
        }
    }
    printError("wrote \(output)")
}

/// Pads or truncates to exactly `n` characters, for fixed-width columns.
func fit(_ s: String, _ n: Int) -> String {
    s.count >= n ? String(s.prefix(n)) : s.padding(toLength: n, withPad: " ", startingAt: 0)
}

func percent(_ x: Double) -> String { String(format: "%5.1f%%", x * 100) }

func interval(_ ci: ConfidenceInterval?) -> String {
    ci.map { String(format: "%.3f [%.3f, %.3f]", $0.estimate, $0.lower, $0.upper) } ?? "undefined"
}
