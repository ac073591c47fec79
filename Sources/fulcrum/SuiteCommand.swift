import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumSuites

struct SuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Benchmark suites: list and show items, validate suite files, import GVS-Bench.",
        discussion: """
        A suite is 'starter' (built in) or a suite file: JSON Lines, one item per line, \
        schema in schemas/suite-item.schema.json.
        """,
        subcommands: [SuiteListCommand.self, SuiteShowCommand.self, SuiteValidateCommand.self, SuiteImportCommand.self]
    )
}

struct SuiteOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Suite: 'starter' or a suite file path.")
    var suite: String = "starter"

    @OptionGroup var scale: ScaleOptions

    func loadScale() throws -> GVSScale { try scale.load() }

    func load() throws -> Suite {
        let scale = try loadScale()
        return try reportingErrors { try SuiteCatalog.load(suite, scale: scale) }
    }
}

struct SuiteListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a suite's items (id, modality, category, English prompt).",
        discussion: """
        Examples:
          fulcrum suite list
          fulcrum suite list --suite gvs-bench.jsonl --modality image
        """
    )

    @OptionGroup var options: SuiteOptions
    @Option(help: "Only items of this modality (text, image, video, audio).")
    var modality: Modality?
    @Option(help: "Output format: table, json or yaml.")
    var format: OutputFormat = .table

    func run() throws {
        let suite = try options.load()
        let items = suite.items.filter { modality == nil || $0.modality == modality }
        switch format {
        case .json: print(try JSONOutput.string(items))
        case .yaml: print(try JSONOutput.string(items))
        case .table:
            print("\(suite.name): \(items.count) items (" + suite.countsByModality.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + ")")
            for item in items {
                let prompt = (item.prompt[.en] ?? item.prompt.byLanguage.values.first ?? "").replacingOccurrences(of: "\n", with: " ")
                let short = prompt.count > 70 ? String(prompt.prefix(69)) + "…" : prompt
                print("\(item.id.padding(toLength: 36, withPad: " ", startingAt: 0)) \(item.modality.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \((item.category ?? "-").padding(toLength: 38, withPad: " ", startingAt: 0)) \(short)")
            }
        }
    }
}

extension Modality: ExpressibleByArgument {}

struct SuiteShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one item in full: prompts and evaluation focus in every language.",
        discussion: """
        Examples:
          fulcrum suite show starter.life-safety-1
          fulcrum suite show T-1 --suite gvs-bench.jsonl --format json
        """
    )

    @Argument(help: "Item id.")
    var id: String
    @OptionGroup var options: SuiteOptions
    @Option(help: "Output format: table, json or yaml.")
    var format: OutputFormat = .table

    func run() throws {
        let suite = try options.load()
        let scale = try options.loadScale()
        guard let item = suite.item(id: id) else {
            printError("error: \(SuiteError.itemNotFound(id: id, suite: suite.name))")
            throw ExitCode(1)
        }
        if format != .table { print(try JSONOutput.string(item)); return }
        print("id:        \(item.id)")
        print("modality:  \(item.modality.rawValue)")
        if let id = item.category, let category = scale.category(id: id) {
            print("category:  \(category.name) [\(category.id)]")
            print("layer:     \(scale.layer(id: category.layerID)?.name ?? category.layerID)")
        } else {
            print("category:  (uncategorised)")
        }
        if !item.tags.isEmpty { print("tags:      \(item.tags.joined(separator: ", "))") }
        if let source = item.source { print("source:    \(source)") }
        for attachment in item.attachments { print("attachment: \(attachment.path) (\(attachment.mediaType))") }
        for language in item.prompt.languages {
            print("\n[\(language)] prompt:\n\(item.prompt[language]!)")
            if let focus = item.focus[language] { print("[\(language)] evaluation focus:\n\(focus)") }
        }
    }
}

struct SuiteValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a suite file; errors name the file, line and item. Exits non-zero when invalid.",
        discussion: """
        Examples:
          fulcrum suite validate my-suite.jsonl
        """
    )

    @Argument(help: "Suite file (JSON Lines).")
    var file: String
    @OptionGroup var scale: ScaleOptions

    func run() throws {
        let scale = try scale.load()
        let suite = try reportingErrors { try SuiteFile.read(URL(fileURLWithPath: file), scale: scale) }
        for warning in SuiteFile.missingAttachments(in: suite) { printError("warning: \(warning)") }
        let counts = suite.countsByModality.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        print("\(file): valid, \(suite.items.count) items (\(counts))")
    }
}

struct SuiteImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a benchmark release into a Fulcrum suite file.",
        subcommands: [GVSBenchImportCommand.self]
    )
}

struct GVSBenchImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gvs-bench",
        abstract: "Import the official GVS-Bench release (text, image, video and audio prompt files).",
        discussion: """
        Reads text_prompt.txt, image_prompt.txt, video_prompt..txt, audio_prompt.txt, \
        text_subcategory.json and subcategory_layer.json. The release maps only text items to \
        categories; --category-map takes a JSON object {"I-1": "Life Safety and Physical Harm", …} \
        (names or ids) for the others. Nothing is written unless every file is valid.

        Examples:
          fulcrum suite import gvs-bench ../shared/data/gvs-bench --out gvs-bench.jsonl
          fulcrum suite import gvs-bench DIR --category-map my-image-map.json \\
              --out gvs-bench.jsonl
        """
    )

    @Argument(help: "Folder of the GVS-Bench release.")
    var directory: String
    @Option(help: "Where to write the suite file (JSON Lines). Without it, only the summary is printed.")
    var out: String?
    @Option(help: "JSON map from item id to category name or id, for items the release does not categorise.")
    var categoryMap: String?
    @OptionGroup var scale: ScaleOptions

    func run() throws {
        let scale = try scale.load()
        let result = try reportingErrors {
            try GVSBenchImporter(scale: scale).importRelease(
                at: URL(fileURLWithPath: directory), categoryMap: categoryMap.map { URL(fileURLWithPath: $0) })
        }
        for warning in result.warnings { printError("warning: \(warning)") }
        let suite = result.suite
        print("GVS-Bench: \(suite.items.count) items")
        for (modality, count) in suite.countsByModality {
            let categorised = suite.items.filter { $0.modality == modality && $0.category != nil }.count
            print("  \(modality.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(String(count).leftPadded(4))   categorised: \(categorised)")
        }
        if let out {
            try reportingErrors { try SuiteFile.write(suite.items, to: URL(fileURLWithPath: out)) }
            print("wrote \(out)")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
