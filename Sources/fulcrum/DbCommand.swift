import ArgumentParser
import Foundation
import FulcrumService
import FulcrumStore

/// `fulcrum db copy`: move history between result databases.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Work with result databases.",
        subcommands: [Copy.self]
    )

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy runs, answers and judgments from one database to another (idempotent).",
            discussion: """
            Rows are matched by item, model, language and sample; what the target already has is kept \
            (a stored answer is never replaced, a failed one gives way to a success), so copying again \
            changes nothing and an interrupted copy is finished by running it again.

            Example:
              fulcrum db copy --from .fulcrum/fulcrum.sqlite --to postgres://fulcrum@db.example/fulcrum
            """
        )
        @Option(help: "Source database: an SQLite file or a postgres:// URL.") var from: String
        @Option(help: "Target database: an SQLite file or a postgres:// URL (created or migrated as needed).") var to: String

        func run() async throws {
            try await reportingErrors {
                let source = try StoreLocation(parsing: from)
                if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
                    throw StoreError.cannotOpen(location: path, reason: "no such file")
                }
                let target = try StoreLocation(parsing: to)
                guard source != target else { throw StoreError.invalidLocation("source and target are the same database") }
                let summary = try await StoreOpening.with(source) { from in
                    try await StoreOpening.with(target) { to in try await DatabaseCopy.copy(from: from, to: to) }
                }
                print("copied \(source) → \(target): \(summary.runs) runs (\(summary.newRuns) new), \(summary.planRows) plan rows, "
                      + "\(summary.generations) answers, \(summary.judgments) judgments, \(summary.calibrations) judge calibrations"
                      + (summary.changedNothing ? " (nothing to change)" : ""))
            }
        }
    }
}
