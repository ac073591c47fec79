import ArgumentParser
import Foundation
import FulcrumService
import FulcrumStore

/// `--db PATH|URL`: the result database: an SQLite file or a PostgreSQL URL (default:
/// `$FULCRUM_DATABASE_URL`, else `.fulcrum/fulcrum.sqlite` in the current directory).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"),
            help: "Result database: an SQLite file or a postgres:// URL (default: $FULCRUM_DATABASE_URL, else .fulcrum/fulcrum.sqlite).")
    var database: String?

    func location() throws -> StoreLocation {
        try reportingErrors { try StoreLocation.resolve(database, environment: ProcessInfo.processInfo.environment) }
    }

    func open() async throws -> any ResultStore {
        let location = try location()
        do {
            return try await StoreOpening.open(location)
        } catch let error as StoreError {
            printError("error: \(error.description) (choose another database with --db PATH or --db postgres://…)")
            throw ExitCode(1)
        }
    }
}
