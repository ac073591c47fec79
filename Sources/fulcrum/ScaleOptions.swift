import ArgumentParser
import Foundation
import FulcrumCore

/// `--scale FILE`: a user's variant of the GVS-Scale, in the format `fulcrum taxonomy --format json` prints.
struct ScaleOptions: ParsableArguments {
    @Option(help: "A scale file (JSON, as `fulcrum taxonomy --format json` prints) to use instead of the built-in GVS-Scale.")
    var scale: String?

    func load() throws -> GVSScale {
        guard let scale else { return .builtIn }
        return try reportingErrors { try GVSScale.load(from: URL(fileURLWithPath: scale)) }
    }
}
