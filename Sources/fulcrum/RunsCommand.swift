import ArgumentParser
import Foundation
import FulcrumEval
import FulcrumService
import FulcrumStore

/// `fulcrum runs list | show | export`: what is in the result database.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, inspect and export stored runs.",
        discussion: """
        Examples:
          fulcrum runs list
          fulcrum runs show 20261123-105933-3f9a1c
          fulcrum runs export 20261123-105933-3f9a1c --format csv --out answers.csv
        """,
        subcommands: [List.self, Show.self, Export.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List runs, newest first.",
            discussion: "Example:\n  fulcrum runs list --db .fulcrum/fulcrum.sqlite")
        @OptionGroup var store: StoreOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let store = try await store.open()
            try await reportingErrors {
                let rows = try await RunOverview.list(store: store)
                if format != .table {
                    struct Entry: Encodable { var run: String; var name: String?; var created: String; var suite: String; var status: String; var tally: RunTally }
                    print(try JSONOutput.string(rows.map { Entry(run: $0.0.id, name: $0.0.name, created: ISO8601DateFormatter().string(from: $0.0.created), suite: $0.0.suiteName, status: $0.0.status.rawValue, tally: $0.1) }))
                    return
                }
                if rows.isEmpty { print("no runs yet in \(store.location) (start one with `fulcrum run`)"); return }
                print(pad("RUN", 24) + pad("STATUS", 12) + pad("SUITE", 14) + pad("ANSWERED", 12) + pad("FAILED", 8) + "NAME")
                for (run, t) in rows {
                    print(pad(run.id, 24) + pad(run.status.rawValue, 12) + pad(run.suiteName, 14)
                          + pad("\(t.answered)/\(t.rows)", 12) + pad("\(t.failed)", 8) + (run.name ?? ""))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a run's configuration, counts by model and judge, and failures by cause.",
            discussion: "Example:\n  fulcrum runs show 20261123-105933-3f9a1c")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Run id (see `fulcrum runs list`).") var runID: String

        func run() async throws {
            let store = try await store.open()
            try await reportingErrors {
                let overview = try await RunOverview.load(runID: runID, store: store)
                let run = overview.run, tally = overview.tally
                print("run \(run.id)\(run.name.map { " (\($0))" } ?? "")  created \(run.created)  status \(run.status.rawValue)")
                print("db \(overview.location)")
                print("suite \(run.suiteName)  sha256 \(run.suiteHash.prefix(16))…")
                print("rows \(tally.rows): \(tally.answered) answered (\(tally.cacheHits) from cache), \(tally.failed) failed, \(tally.pending) not run")
                print("model calls \(tally.modelCalls)  tokens \(tally.inputTokens) in / \(tally.outputTokens) out")
                for counts in overview.byModel {
                    print("  \(counts.model): \(counts.answered)/\(counts.rows) answered")
                }
                for counts in overview.byJudge {
                    print("  judged by \(counts.judge): \(counts.judgments) judgments, \(counts.notApplicable) N/A")
                }
                if !overview.queue.leasedByWorker.isEmpty {
                    print("in flight (\(overview.queue.openRows) rows open):")
                    for (worker, n) in overview.queue.leasedByWorker.sorted(by: { $0.key < $1.key }) { print("  \(worker): \(n) rows") }
                }
                if !tally.failuresByCause.isEmpty {
                    print("failures by cause:")
                    for (cause, n) in tally.failuresByCause.sorted(by: { $0.key < $1.key }) { print("  \(cause): \(n)") }
                }
                print("configuration: \(run.configJSON)")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a run's rows and answers as JSON Lines or CSV.",
            discussion: "Example:\n  fulcrum runs export 20261123-105933-3f9a1c --format jsonl --out run.jsonl")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Run id.") var runID: String
        @Option(help: "jsonl or csv.") var format: String = "jsonl"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() async throws {
            let store = try await store.open()
            try await reportingErrors {
                guard let exportFormat = RunExport.Format(rawValue: format) else {
                    throw ValidationError("--format must be jsonl or csv (got '\(format)')")
                }
                let data = try await RunExportService.export(runID: runID, format: exportFormat, from: store)
                if let out {
                    try data.write(to: URL(fileURLWithPath: out), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}

private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}
