import ArgumentParser
import FulcrumCore
import Yams

struct ValuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract: "Schwartz's basic-value space (Value FULCRA): the ten values, their circle, value items.",
        subcommands: [ValuesSpaceCommand.self, ValuesTrainCommand.self, ValuesEvalCommand.self, ValuesScoreCommand.self]
    )
}

struct ValuesSpaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "space",
        abstract: "Show the ten basic values in FULCRA order, their groups, neighbours, opposites and items.",
        discussion: """
        Examples:
          fulcrum values space
          fulcrum values space --format json
        """
    )

    @Option(help: "Output format: table, json or yaml.")
    var format: OutputFormat = .table

    struct Entry: Encodable {
        var index: Int, id: String, name: String, nameZh: String, definition: String
        var groups: [String], adjacent: [String], opposed: [String], items: [String]
    }

    func run() throws {
        let entries = SchwartzValue.allCases.map { v in
            Entry(index: v.index, id: v.rawValue, name: v.displayName, nameZh: v.nameZh, definition: v.definition,
                  groups: v.groups.map(\.rawValue), adjacent: v.adjacent.map(\.rawValue),
                  opposed: v.opposed.map(\.rawValue), items: ValueItemCatalog.items(of: v))
        }
        switch format {
        case .json: print(try JSONOutput.string(entries))
        case .yaml: print(try YAMLEncoder().encode(entries))
        case .table:
            print("Schwartz basic values, in Value FULCRA's order (a ValueVector's components):\n")
            for e in entries {
                print("\(e.index). \(e.name) (\(e.nameZh)) [\(e.groups.joined(separator: ", "))]")
                print("   \(e.definition)")
                print("   neighbours: \(e.adjacent.joined(separator: ", "))   opposed: \(e.opposed.joined(separator: ", "))")
                print("   items: \(e.items.joined(separator: "; "))")
            }
            print("\nCircle: " + SchwartzValue.circle.map(\.rawValue).joined(separator: " → ") + " → (back to self-direction)")
            print("Labels: −1 opposed, 0 no connection, +1 important; `humility` folds under conformity.")
        }
    }
}
