import ArgumentParser
import Foundation
import FulcrumService

/// `fulcrum responses import`: answers made by other tools, stored as a run to judge and report.
struct ResponsesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responses",
        abstract: "Bring in answers generated elsewhere.",
        discussion: """
        Example:
          fulcrum responses import answers.jsonl --run-name vendor-eval --suite starter
        """,
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import answers (JSONL or CSV: item_id, model, language, response[, sample]) into a named run.",
            discussion: """
            The run is created, or extended when it exists. Every line is checked first (the item exists in \
            the suite, has a prompt in that language, is not answered twice); any problem is reported as \
            file:line and nothing is imported.

            Examples:
              fulcrum responses import answers.jsonl --run-name vendor-eval
              fulcrum responses import answers.csv --run-name vendor-eval \\
                  --suite my-suite.jsonl

            A JSONL line:
              {"item_id": "starter.life-safety-1", "model": "vendor/model-x",
               "language": "en", "response": "…"}
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "A .jsonl or .csv file of answers.") var file: String
        @Option(help: "Name of the run to create or extend.") var runName: String
        @Option(help: "Suite the answers belong to: 'starter' or a suite file.") var suite: String = "starter"
        @OptionGroup var header: HeaderRowOption

        func run() async throws {
            let store = try await store.open()
            try await reportingErrors {
                let outcome = try await AnswerImportService.importAnswers(from: URL(fileURLWithPath: file), runName: runName, suite: suite,
                                                                         headerLine: header.line, into: store)
                print("\(outcome.created ? "created" : "extended") run \(outcome.runID) (\(runName)): \(outcome.imported) answers imported")
            }
        }
    }
}
