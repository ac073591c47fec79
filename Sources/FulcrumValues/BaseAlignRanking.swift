import FulcrumCore

/// Answers ranked by BaseAlign reward against a target profile, and each model's mean profile with
/// its distance to the target. Field names are `align score --format json`'s keys.
public struct BaseAlignRanking: Codable, Sendable {
    public struct Ranked: Codable, Sendable, Hashable {
        public var rank: Int, line: Int, id: String?, model: String, reward: Double, vector: ValueVector
    }

    public struct ModelDistance: Codable, Sendable, Hashable {
        public var model: String, answers: Int, profile: [Double], distance: Double, meanReward: Double
    }

    public var target: TargetProfile
    /// Best reward first; ties keep input order.
    public var ranking: [Ranked]
    /// Closest to the target first.
    public var models: [ModelDistance]

    /// Records without a model count as model `unknown`.
    public static func rank(_ records: [ScoringRecord], with evaluator: NativeValueEvaluator, target: TargetProfile) -> BaseAlignRanking {
        var scored: [Ranked] = []
        for r in records {
            let v = evaluator.assess(prompt: r.dialogue.prompt, response: r.dialogue.response).vector
            scored.append(Ranked(rank: 0, line: r.line, id: r.id, model: r.model ?? "unknown",
                                 reward: BaseAlign.reward(v, target: target.vector), vector: v))
        }
        scored.sort { ($0.reward, -$0.line) > ($1.reward, -$1.line) }
        for i in scored.indices { scored[i].rank = i + 1 }
        let byModel = Dictionary(grouping: scored, by: \.model)
        let distances = byModel.keys.sorted().map { m -> ModelDistance in
            let rows = byModel[m]!
            let profile = (0..<ValueVector.dimension).map { i in rows.map { $0.vector.components[i] }.reduce(0, +) / Double(rows.count) }
            return ModelDistance(model: m, answers: rows.count, profile: profile, distance: BaseAlign.distance(profile, target.vector),
                                 meanReward: rows.map(\.reward).reduce(0, +) / Double(rows.count))
        }.sorted { $0.distance < $1.distance }
        return BaseAlignRanking(target: target, ranking: scored, models: distances)
    }
}
