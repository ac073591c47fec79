import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumIncidents

struct IncidentsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search (FTS5, bm25-ranked) over titles, descriptions and report text.",
        discussion: """
        Words are matched as given (all must occur; punctuation and operators are plain text). \
        With --syntax the query is FTS5 syntax: OR, NOT, "exact phrase", prefix*, NEAR(a b, 5). \
        Category and lifecycle filters match human codes and machine suggestions (--coded-by to pick one).

        Examples:
          fulcrum incidents search "voice clone"
          fulcrum incidents search deepfake --category disinformation-fraud \\
              --since 2023
          fulcrum incidents search 'chatbot NOT tay' --syntax --modality text --limit 5
        """
    )

    @Argument(help: "Words to search for.")
    var query: String
    @Flag(help: "Interpret the query as FTS5 syntax.")
    var syntax = false
    @Option(help: "GVS category id or unique suffix (see `fulcrum taxonomy`).")
    var category: String?
    @Option(help: "Lifecycle stage: data, model-building or deployment.")
    var lifecycle: String?
    @Option(help: "text, image, video or audio.")
    var modality: Modality?
    @Option(help: "Only incidents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
    var since: String?
    @Option(help: "Filters look at 'human' codes or 'machine' suggestions only.")
    var codedBy: CodingOrigin?
    @Option(help: "Maximum results.")
    var limit = 20
    @Option(help: "Output format: table or json.")
    var format: IncidentOutputFormat = .table
    @OptionGroup var scale: ScaleOptions
    @OptionGroup var database: IncidentDatabaseOptions

    func run() throws {
        let store = try database.open()
        let gvs = try scale.load()
        let categoryID = try category.map { ref in
            try reportingErrors {
                guard let c = gvs.resolveCategory(ref) else { throw IncidentError.unknownCategory(ref) }
                return c.id
            }
        }
        let hits = try reportingErrors {
            try store.search(IncidentQuery(text: query, ftsSyntax: syntax, category: categoryID, lifecycle: lifecycle,
                                           modality: modality, since: since, codedBy: codedBy, limit: limit))
        }
        if format == .json { print(try JSONOutput.string(hits)); return }
        if hits.isEmpty { print("no incidents match"); return }
        if hits.contains(where: { !$0.ranked }) {
            print("not ranked: every word occurs in at least half of the incidents, so bm25 cannot tell the matches apart; most recently added first")
        }
        for hit in hits {
            print("\(fit(hit.incidentID, 22)) \(fit(hit.date ?? "", 10))  \(String(format: "%6.2f", hit.score))  \(hit.title)")
            print("    \(hit.snippet.replacingOccurrences(of: "\n", with: " "))")
        }
    }
}

extension CodingOrigin: ExpressibleByArgument {}
