import ArgumentParser
import FulcrumStore

/// `--db PATH`: the result database (default `.fulcrum/fulcrum.sqlite` in the current directory).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "Result database file (SQLite).")
    var path: String = ResultStore.defaultPath

    func open() throws -> ResultStore {
        try reportingErrors { try ResultStore(path: path) }
    }
}
