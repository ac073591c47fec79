import Foundation
import FulcrumStore
import FulcrumValues

/// Scores answers (a file or a stored run) in Schwartz's value space and by BaseAlign reward.
public enum ValueScoringService {
    /// Value scores of every record, with how long loading the model took (it dominates short inputs).
    public struct Scored: Sendable {
        public var scoring: ValueScoring
        public var evaluator: NativeValueEvaluator
        public var modelLoadSeconds: Double
    }

    /// `modelPath` nil: the built-in value model. `headerLine`: a CSV's line of column names.
    public static func score(_ reference: String, modelPath: String?, location: StoreLocation, headerLine: Int = 1) async throws -> Scored {
        let started = Date()
        let evaluator = try NativeValueEvaluator.load(path: modelPath)
        let loadSeconds = Date().timeIntervalSince(started)
        let records = try await AnswersToScore.load(reference, location: location, headerLine: headerLine)
        return Scored(scoring: .score(records, with: evaluator), evaluator: evaluator, modelLoadSeconds: loadSeconds)
    }

    /// BaseAlign ranking against `target` (a built-in name or a JSON file); `harmPenalty` > 0
    /// subtracts that multiple of the built-in safety judge's harm probability from every reward.
    public static func align(_ reference: String, target: String, modelPath: String?, location: StoreLocation,
                             harmPenalty: Double = 0, headerLine: Int = 1) async throws -> BaseAlignRanking {
        let profile = try TargetProfile.resolve(target)
        let evaluator = try NativeValueEvaluator.load(path: modelPath)
        let penalty = harmPenalty > 0 ? (judge: try NativeSafetyJudge.builtIn(), weight: harmPenalty) : nil
        return .rank(try await AnswersToScore.load(reference, location: location, headerLine: headerLine), with: evaluator, target: profile, harmPenalty: penalty)
    }
}
