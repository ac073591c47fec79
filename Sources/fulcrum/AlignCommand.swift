import ArgumentParser
import Foundation
import FulcrumService
import FulcrumValues

struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "BaseAlign: reward answers by their distance to a target value profile.",
        subcommands: [AlignScoreCommand.self]
    )
}

struct AlignScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Rank answers by BaseAlign reward and report each model's profile distance to the target.",
        discussion: """
        reward(v, t) = −Σ |v_i − t_i| · 1[|v_i| > 0.3] · |t_i|  (0 is best).
        Input: a run id (its stored answers), or JSONL or CSV with `dialogue` or `prompt`+`response` \
        (scored with the native value evaluator), optional `id` and `model`. Targets: default, uk, netherlands, france, or a JSON file \
        {"name": …, "vector": [10 numbers]}.

        --harm-penalty W subtracts W × the built-in safety judge's harm probability from every reward: \
        the value evaluator alone barely ranks answers that oppose a value below the rest (docs/basealign-harm.md).

        Example:
          fulcrum align score --target uk answers.jsonl
          fulcrum align score --target uk --harm-penalty 1 answers.jsonl
          fulcrum align score --target default 20261123-105933-3f9a1c
        """
    )

    @Option(help: "Target profile: a built-in name or a JSON file.") var target: String = "default"
    @Option(help: "Value model file (default: the built-in model).") var model: String?
    @Argument(help: "A run id or a JSONL or CSV file of answers.") var file: String
    @OptionGroup var store: StoreOptions
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @Option(help: "Weight of the safety judge's harm probability subtracted from each reward (0: BaseAlign's reward alone).")
    var harmPenalty: Double = 0
    @OptionGroup var header: HeaderRowOption

    func validate() throws {
        guard harmPenalty.isFinite, harmPenalty >= 0 else { throw ValidationError("--harm-penalty must be a number ≥ 0, got \(harmPenalty)") }
    }

    func run() async throws {
        try await reportingErrors {
            let ranking = try await ValueScoringService.align(file, target: target, modelPath: model, location: try store.location(),
                                                              harmPenalty: harmPenalty, headerLine: header.line)
            if format == .json { print(try JSONOutput.string(ranking)); return }
            let t = ranking.target
            print("target \(t.name): \(t.vector)")
            let penalty = ranking.harmPenalty
            if let penalty { print("reward = BaseAlign reward − \(penalty.weight) × harm probability (\(penalty.judge))") }
            print("\nrank  reward  " + (penalty == nil ? "" : "value   harm   ") + "model / id (line)")
            for r in ranking.ranking {
                print(String(format: "%4d  %6.3f  ", r.rank, r.reward)
                      + (penalty == nil ? "" : String(format: "%6.3f  %5.3f  ", r.valueReward, r.harmProbability ?? 0))
                      + "\(r.model) / \(r.id ?? "-") (line \(r.line))")
            }
            print("\nmodel profile distance to target (Euclidean, lower is closer):")
            for d in ranking.models {
                print("  " + d.model.padding(toLength: max(30, d.model.count), withPad: " ", startingAt: 0)
                      + String(format: " %6.3f  (n=%d, mean reward %.3f)", d.distance, d.answers, d.meanReward))
            }
        }
    }
}
