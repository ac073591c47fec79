import ArgumentParser

/// Formats a listing command can print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, yaml
}
