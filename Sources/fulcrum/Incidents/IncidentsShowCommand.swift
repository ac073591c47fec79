import ArgumentParser
import Foundation
import FulcrumIncidents

struct IncidentsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one incident with its human codings, machine suggestions and foreign codes.",
        discussion: """
        Examples:
          fulcrum incidents show aiid:4
          fulcrum incidents show avid:AVID-2023-R0002 --format json
        """
    )

    @Argument(help: "Incident id (origin:number).")
    var id: String
    @Option(help: "Output format: table or json.")
    var format: IncidentOutputFormat = .table
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let record = try reportingErrors { try store.record(id: id) }
        if format == .json { print(try JSONOutput.string(record)); return }
        let (incident, human, machine, codes) = (record.incident, record.codings, record.suggestions, record.foreignCodes)
        print("\(incident.id)  \(incident.date ?? "no date")  \(incident.modality?.rawValue ?? "modality unknown")")
        print(incident.title)
        print("")
        print(incident.description)
        print("")
        if !incident.deployers.isEmpty { print("deployers:  \(incident.deployers.joined(separator: ", "))") }
        if !incident.developers.isEmpty { print("developers: \(incident.developers.joined(separator: ", "))") }
        if !incident.harmedParties.isEmpty { print("harmed:     \(incident.harmedParties.joined(separator: ", "))") }
        if !incident.systems.isEmpty { print("systems:    \(incident.systems.joined(separator: ", "))") }
        if let dup = incident.duplicateOf { print("duplicate of \(dup)") }
        for url in incident.sourceURLs.prefix(5) { print("source:     \(url)") }
        print("\nhuman codings (\(human.count)):")
        for c in human {
            print("  \(fit(c.coder, 16)) \(fit(c.category, 40)) \(fit(c.lifecycle ?? "-", 15)) severity \(c.severity.map(String.init) ?? "-")  \(c.rationale ?? "")")
        }
        print("machine suggestions (\(machine.count), not human codes):")
        for c in machine { print("  \(fit(c.coder, 20)) \(fit(c.category, 40)) \(c.rationale ?? "")") }
        print("foreign codes (\(codes.count)):")
        for code in codes.prefix(40) {
            let value = code.value.replacingOccurrences(of: "\n", with: " ")
            print("  \(code.taxonomy) / \(code.field): \(value.count > 90 ? String(value.prefix(89)) + "…" : value)")
        }
        if codes.count > 40 { print("  … \(codes.count - 40) more (--format json for all)") }
    }
}
