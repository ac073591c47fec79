import ArgumentParser
import Foundation
import FulcrumCore
import Yams

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Show the GVS-Scale: 12 value-safety categories in 3 layers, with lifecycle stages.",
        discussion: """
        Examples:
          fulcrum taxonomy
          fulcrum taxonomy --format json > my-scale.json    (edit, then pass --scale)
          fulcrum taxonomy --scale my-scale.json --format yaml
        """
    )

    @Option(help: "Output format: table, json or yaml.")
    var format: OutputFormat = .table

    @OptionGroup var scale: ScaleOptions

    func run() throws {
        let scale = try scale.load()
        switch format {
        case .json: print(try JSONOutput.string(scale))
        case .yaml: print(try YAMLEncoder().encode(scale))
        case .table: print(TaxonomyTable.render(scale))
        }
    }
}

enum TaxonomyTable {
    static func render(_ scale: GVSScale) -> String {
        var lines = ["\(scale.name) \(scale.version): \(scale.categories.count) categories in \(scale.layers.count) layers", ""]
        for layer in scale.layers {
            lines.append("\(layer.name)  [\(layer.id)]")
            for category in layer.categories {
                let stages = category.lifecycleStages.joined(separator: ", ")
                lines.append("  \(category.id.padding(toLength: 38, withPad: " ", startingAt: 0)) \(category.name)")
                lines.append("  \(String(repeating: " ", count: 38)) stages: \(stages)")
            }
            lines.append("")
        }
        lines.append("Lifecycle stages: " + scale.lifecycleStages.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
