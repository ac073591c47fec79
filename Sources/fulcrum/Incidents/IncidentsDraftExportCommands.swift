import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumIncidents
import FulcrumService

struct IncidentsDraftItemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft-items",
        abstract: "Turn coded incidents into draft suite items (tagged draft, needs-review), validated like any suite.",
        discussion: """
        Each incident with a human consensus category becomes one item (source = incident id). With \
        --include-suggested, incidents no human coded are drafted from each machine-suggested category \
        (tagged suggested-category).

        An LLM writes the drafts when one is configured: --model, else $FULCRUM_MODEL, else \
        openai/gpt-4o-mini when OPENAI_API_KEY is set, else anthropic/claude-3-5-haiku-latest when \
        ANTHROPIC_API_KEY is set. Otherwise (or with --template) a fixed template is filled from the \
        incident. Every draft is tagged with its drafter (drafter:template, drafter:openai/…). An \
        incident the model could not draft (failed call, reply not the JSON asked for) is listed and \
        left out, never filled from the template; the command then exits 2.

        Examples:
          fulcrum incidents draft-items --output drafts.jsonl
          fulcrum incidents draft-items --model local/gemma-3-270m --limit 5 \\
              --output drafts.jsonl
          fulcrum incidents draft-items --include-suggested --template --limit 50 \\
              --output drafts.jsonl
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
    @Option(help: "The model that writes the drafts (provider/model), instead of the configured one.")
    var model: String?
    @Option(name: .customLong("base-url"), help: "API base URL for --model (an OpenAI-compatible server, say).")
    var baseURL: String?
    @Flag(help: "Fill the fixed template even when a model is configured.")
    var template = false
    @OptionGroup var scale: ScaleOptions
    @OptionGroup var database: IncidentDatabaseOptions

    func validate() throws {
        if template, model != nil { throw ValidationError("--template and --model exclude each other") }
    }

    func run() async throws {
        let store = try database.open()
        let gvs = try scale.load()
        let request = IncidentDraftRequest(output: URL(fileURLWithPath: output), includeSuggested: includeSuggested,
                                           incidentIDs: id.isEmpty ? nil : id, limit: limit, model: model, baseURL: baseURL,
                                           templateOnly: template)
        try await CLIModels.scoped {
            let result = try await reportingErrors {
                try await IncidentDraftService(store: store, scale: gvs, client: { CLIModels.client }).draft(request)
            }
            let outcome = result.outcome
            for failure in outcome.failures {
                printError("not drafted: \(failure.incidentID) (\(failure.category)): \(failure.reason)")
            }
            if let suite = result.written {
                print("wrote \(suite.items.count) draft items by \(result.drafter) to \(output) (validated; all tagged needs-review)")
            }
            if !outcome.failures.isEmpty {
                printError("\(outcome.failures.count) of \(outcome.items.count + outcome.failures.count) drafts not made (listed above)")
                throw ExitCode(2)
            }
        }
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
