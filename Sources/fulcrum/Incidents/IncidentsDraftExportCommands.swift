import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumIncidents
import FulcrumSuites

struct IncidentsDraftItemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft-items",
        abstract: "Turn coded incidents into draft suite items (tagged draft, needs-review), validated like any suite.",
        discussion: """
        Each incident with a human consensus category becomes one item (source = incident id). With
        --include-suggested, incidents no human coded are drafted from each machine-suggested
        category (tagged suggested-category). Drafts use a fixed template; an LLM drafter exists in
        the library (ChatModelDrafter) for when a provider is configured.

        Examples:
          fulcrum incidents draft-items --output drafts.jsonl
          fulcrum incidents draft-items --include-suggested --limit 50 --output drafts.jsonl
          fulcrum suite list --suite drafts.jsonl
        """
    )

    @Option(help: "Suite file to write (JSON Lines).")
    var output: String
    @Flag(help: "Also draft from machine suggestions for incidents without human codes.")
    var includeSuggested = false
    @Option(help: "Only these incidents (repeatable).")
    var id: [String] = []
    @Option(help: "At most this many items.")
    var limit: Int?
    @OptionGroup var scale: ScaleOptions
    @OptionGroup var database: IncidentDatabaseOptions

    func run() async throws {
        let store = try database.open()
        let gvs = try scale.load()
        let generator = DraftItems(drafter: TemplateDrafter(), scale: gvs, includeSuggested: includeSuggested, limit: limit)
        let items = try await reportingErrors { try await generator.generate(store: store, incidentIDs: id.isEmpty ? nil : id) }
        guard !items.isEmpty else {
            printError("error: no coded incidents to draft from (code some with `fulcrum incidents code`, or use --include-suggested)")
            throw ExitCode(1)
        }
        let suite = try reportingErrors { try DraftItems.write(items, to: URL(fileURLWithPath: output), scale: gvs) }
        print("wrote \(suite.items.count) draft items to \(output) (validated; all tagged needs-review)")
    }
}

struct IncidentsExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export incidents with human codings, machine suggestions (kept apart) and foreign codes.",
        discussion: """
        JSONL: one object per incident {incident, codings, suggestions, foreignCodes}.
        CSV: one row per incident; human codings as coder=category/lifecycle/severity.

        Examples:
          fulcrum incidents export --format jsonl --output incidents.jsonl
          fulcrum incidents export --format csv --origin avid --output avid.csv
        """
    )

    @Option(help: "jsonl or csv.")
    var format: Format = .jsonl
    @Option(help: "Only incidents of this origin (repeatable).")
    var origin: [String] = []
    @Option(help: "Write to this file instead of standard output.")
    var output: String?
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let text = try reportingErrors {
            format == .jsonl ? try IncidentExport.jsonl(store: store, origins: origin)
                : try IncidentExport.csv(store: store, origins: origin)
        }
        try emit(text, to: output)
    }
}
