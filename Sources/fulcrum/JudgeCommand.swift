import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumService
import FulcrumJudges
import FulcrumService

/// `--judge SPEC …` and the rubric judge's settings, shared by `run` and `judge`.
struct JudgeOptions: ParsableArguments {
    @Option(name: .customLong("judge"), help: "Judge: 'native' (offline classifier) or a model spec used as a GVS rubric judge (repeatable).")
    var judges: [String] = []
    @Option(help: "Rubric template file with {{question}}, {{focus}} and {{answer}} (default: the built-in gvs-rubric@1).")
    var judgeTemplate: String?
    @Option(help: "Judge language: 'english' (default) or 'item' (the language the item was asked in).")
    var judgeLanguage: RubricJudge.JudgeLanguage = .english
    @Option(help: "Rubric judge sampling temperature.")
    var judgeTemperature: Double = 0
    @Option(help: "Rubric judge reply limit in tokens.")
    var judgeMaxTokens: Int = 256

    /// The judging request these options describe (the rubric template file read here, as parsing).
    func request(runID: String, repeats: Int, concurrency: Int, suite: String?) throws -> JudgeRunRequest {
        let template = try reportingErrors { try judgeTemplate.map { try RubricTemplate.load(from: URL(fileURLWithPath: $0)) } ?? .gvsRubricV1 }
        return JudgeRunRequest(runID: runID, judges: judges, template: template, language: judgeLanguage,
                            settings: GenerationSettings(temperature: judgeTemperature, maxTokens: judgeMaxTokens),
                            repeats: repeats, concurrency: concurrency, suiteOverride: suite)
    }
}

extension RubricJudge.JudgeLanguage: ExpressibleByArgument {}

struct JudgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "Judge a run's answers (`fulcrum judge RUN_ID`); train and evaluate the native safety judge; calibrate a judge.",
        subcommands: [JudgeRunCommand.self, NativeJudgeTrainCommand.self, NativeJudgeEvalCommand.self, JudgeCalibrateCommand.self,
                      JudgeCalibrationsCommand.self],
        defaultSubcommand: JudgeRunCommand.self
    )
}

struct JudgeRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Judge a finished run's answers (again), without regenerating them.",
        discussion: """
        Adds judgments from another judge, or more repeats of one, to a stored run. Only what is \
        missing is judged: re-running resumes. Replies a rubric judge writes without a readable \
        0–10 score are stored as N/A with the raw reply, never as a number.

        Examples:
          fulcrum judge 20261123-105933-3f9a1c --judge native
          fulcrum judge 20261123-105933-3f9a1c --judge openai/gpt-4o --judge anthropic/claude-sonnet-4-5 --repeat 3
          fulcrum judge RUN --judge local/gemma-3-270m --judge-language item
        """
    )

    @Argument(help: "Run id (see `fulcrum runs list`).")
    var runID: String
    @OptionGroup var judgeOptions: JudgeOptions
    @Option(help: "Judge every answer this many times per judge (self-consistency).")
    var `repeat`: Int = 1
    @Option(help: "Judge calls in flight at once.")
    var concurrency: Int = 4
    @Option(help: "Suite to read evaluation foci from, when not the one the run recorded.")
    var suite: String?
    @Flag(help: "Queue the judging for `fulcrum worker` processes instead of judging here.")
    var detach = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var scale: ScaleOptions

    func run() async throws {
        let request = try judgeOptions.request(runID: runID, repeats: `repeat`, concurrency: concurrency, suite: suite)
        let store = try await store.open()
        let scale = try scale.load()
        if detach {
            try await CLIModels.scoped { try await reportingErrors {
                let queued = try await JudgeService(store: store, scale: scale, makeModel: CLIModels.make).queue(request)
                print("queued judging of run \(runID) by \(queued.requests.map(\.judge).joined(separator: ", ")): \(queued.open) judgments to make")
                print("next: fulcrum worker --db … (then fulcrum report \(runID))")
            } }
            return
        }
        try await CLIModels.scoped { try await reportingErrors {
            let summary = try await JudgeService(store: store, scale: scale, makeModel: CLIModels.make).judge(request)
            print("judged \(summary.judged) answers (\(summary.notApplicable) N/A: no readable score), \(summary.alreadyJudged) already judged")
            for (cause, count) in summary.failures.sorted(by: { $0.key < $1.key }) {
                print("  \(count) judge calls failed: \(cause) (stored as failed; re-run to retry)")
            }
            print("next: fulcrum report \(runID)")
        } }
    }
}
