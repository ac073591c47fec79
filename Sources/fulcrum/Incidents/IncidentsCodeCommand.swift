import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumIncidents

struct IncidentsCodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Record a human coding of an incident (one per coder; coding again replaces yours).",
        discussion: """
        Examples:
          fulcrum incidents code aiid:4 --category life-safety --lifecycle deployment \\
              --severity 5 --coder alice
          fulcrum incidents code avid:AVID-2023-R0002 --coder bob \\
              --category misinformation-hallucination --rationale "fabricated citations"
        """
    )

    @Argument(help: "Incident id.")
    var id: String
    @Option(help: "GVS category id, name or unique suffix.")
    var category: String
    @Option(help: "Lifecycle stage: data, model-building or deployment.")
    var lifecycle: String?
    @Option(help: "Severity 1 (minor) … 5 (catastrophic).")
    var severity: Int?
    @Option(help: "Your name (must not start with 'machine:').")
    var coder: String
    @Option(help: "Why this category.")
    var rationale: String?
    @OptionGroup var scale: ScaleOptions
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let gvs = try scale.load()
        let stored = try reportingErrors {
            try store.code(Coding(incidentID: id, category: category, layer: "", lifecycle: lifecycle, severity: severity,
                                  coder: coder, rationale: rationale, origin: .human), scale: gvs)
        }
        print("coded \(stored.incidentID) as \(stored.category) (\(stored.layer)) by \(stored.coder)")
    }
}
