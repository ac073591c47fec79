import ArgumentParser

/// `--header-row N` for every command that reads a user's CSV: spreadsheet exports often put a title
/// row above the column names.
struct HeaderRowOption: ParsableArguments {
    @Option(name: .customLong("header-row"), help: "The line of a CSV's column names, when a title row sits above them (1-based; default 1).")
    var line = 1

    func validate() throws {
        guard line >= 1 else { throw ValidationError("--header-row counts lines from 1") }
    }
}
