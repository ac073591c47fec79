import ArgumentParser
import Foundation
import FulcrumCore
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
        Input: a run id (its stored answers), or JSONL with `dialogue` or `prompt`+`response` \
        (scored with the native value evaluator), optional `id` and `model`. Targets: default, uk, netherlands, france, or a JSON file \
        {"name": …, "vector": [10 numbers]}.

        Example:
          fulcrum align score --target uk answers.jsonl
          fulcrum align score --target default 20261123-105933-3f9a1c
        """
    )

    @Option(help: "Target profile: a built-in name or a JSON file.") var target: String = "default"
    @Option(help: "Value model file (default: the built-in model).") var model: String?
    @Argument(help: "A run id or a JSONL file of answers.") var file: String
    @OptionGroup var store: StoreOptions
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    struct Ranked: Encodable { var rank: Int, line: Int, id: String?, model: String, reward: Double, vector: ValueVector }
    struct ModelDistance: Encodable { var model: String, answers: Int, profile: [Double], distance: Double, meanReward: Double }
    struct Output: Encodable { var target: TargetProfile, ranking: [Ranked], models: [ModelDistance] }

    func run() async throws {
        try await reportingErrors {
            let t = try TargetProfile.resolve(target)
            let evaluator = try loadValueEvaluator(model)
            var scored: [Ranked] = []
            for r in try await AnswerSource.load(file, store: store) {
                let v = evaluator.assess(prompt: r.dialogue.prompt, response: r.dialogue.response).vector
                scored.append(Ranked(rank: 0, line: r.line, id: r.id, model: r.model ?? "unknown",
                                     reward: BaseAlign.reward(v, target: t.vector), vector: v))
            }
            scored.sort { ($0.reward, -$0.line) > ($1.reward, -$1.line) }
            for i in scored.indices { scored[i].rank = i + 1 }
            let byModel = Dictionary(grouping: scored, by: \.model)
            let distances = byModel.keys.sorted().map { m -> ModelDistance in
                let rows = byModel[m]!
                let profile = (0..<ValueVector.dimension).map { i in rows.map { $0.vector.components[i] }.reduce(0, +) / Double(rows.count) }
                return ModelDistance(model: m, answers: rows.count, profile: profile, distance: BaseAlign.distance(profile, t.vector),
                                     meanReward: rows.map(\.reward).reduce(0, +) / Double(rows.count))
            }.sorted { $0.distance < $1.distance }
            if format == .json { print(try JSONOutput.string(Output(target: t, ranking: scored, models: distances))); return }
            print("target \(t.name): \(t.vector)")
            print("\nrank  reward  model / id (line)")
            for r in scored { print(String(format: "%4d  %6.3f  ", r.rank, r.reward) + "\(r.model) / \(r.id ?? "-") (line \(r.line))") }
            print("\nmodel profile distance to target (Euclidean, lower is closer):")
            for d in distances {
                print("  " + d.model.padding(toLength: max(30, d.model.count), withPad: " ", startingAt: 0)
                      + String(format: " %6.3f  (n=%d, mean reward %.3f)", d.distance, d.answers, d.meanReward))
            }
        }
    }
}
