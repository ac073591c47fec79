import Foundation
import FulcrumCore

/// How well the value evaluator matched FULCRA's human value labels on dialogues it was not trained
/// on, as recorded in its model file at training time (`fulcrum values train`). Reports print it
/// next to value profiles: a profile is only as telling as the evaluator that produced it.
///
/// Two kinds of record: cross-source figures (`values train --cross-source`: models trained without
/// one answering model, measured on it; preferred, because a random split overstates accuracy on
/// data from other sources) or a held-out by-prompt split (`--test-share`).
public struct EvaluatorCheck: Codable, Sendable, Hashable {
    /// Training data file(s) the held-out dialogues came from.
    public var data: String
    /// Share of the data's prompts held out (split by prompt, so no prompt is in both parts); 0 for cross-source figures.
    public var heldOutShare: Double
    public var seed: String
    /// Mean over the ten values of the share of dialogues whose label (−1/0/+1) was right.
    public var meanAccuracy: Double
    /// Mean over the ten values of the macro-F1 over the three labels.
    public var meanMacroF1: Double
    /// Share of dialogues with all ten labels right.
    public var exactVectorMatch: Double
    /// The cross-source scheme the figures come from; nil for a by-prompt split.
    public var crossSourceScheme: String?
    /// Mean macro-F1 of the worst cross-source fold, and which fold.
    public var worstMacroF1: Double?
    public var worstFold: String?
    /// Per value (FULCRA order), accuracy and macro-F1 out of fold: how far each profile component can be trusted.
    public var perValue: [ValueOutOfFoldError]?
    /// How many of the checked dialogues were in each language (by script: `en` Latin, `zh` CJK);
    /// nil in model files recorded before it was kept.
    public var languages: [String: Int]?

    public static let languagesKey = "crossSourceLanguages"
    /// Fewer checked dialogues than this in a language, and answers in it are unvalidated: too few
    /// for a per-value macro-F1 over three labels to mean anything.
    public static let minimumDialoguesPerLanguage = 30

    /// Nil when the model file records neither cross-source nor held-out figures.
    public init?(metadata: [String: String]) {
        data = metadata["data"] ?? "unknown data"
        seed = metadata["seed"] ?? "?"
        perValue = ValueOutOfFoldError.recorded(in: metadata)
        languages = metadata[Self.languagesKey].flatMap { ModelMetadataJSON.decode([String: Int].self, $0) }
        if let accuracy = metadata["crossSourceMeanAccuracy"].flatMap(Double.init),
           let macroF1 = metadata["crossSourceMeanMacroF1"].flatMap(Double.init),
           let exact = metadata["crossSourceMeanExactMatch"].flatMap(Double.init) {
            heldOutShare = 0
            meanAccuracy = accuracy
            meanMacroF1 = macroF1
            exactVectorMatch = exact
            crossSourceScheme = metadata["crossSourceScheme"] ?? "cross-source"
            worstMacroF1 = metadata["crossSourceWorstMacroF1"].flatMap(Double.init)
            worstFold = metadata["crossSourceWorstFold"]
            return
        }
        guard let accuracy = metadata["heldOutMeanAccuracy"].flatMap(Double.init),
              let macroF1 = metadata["heldOutMeanMacroF1"].flatMap(Double.init),
              let exact = metadata["heldOutExactMatch"].flatMap(Double.init) else { return nil }
        heldOutShare = metadata["testShare"].flatMap(Double.init) ?? 0
        meanAccuracy = accuracy
        meanMacroF1 = macroF1
        exactVectorMatch = exact
    }

    /// One plain sentence for reports.
    public var sentence: String {
        let basis = crossSourceScheme.map { "on FULCRA dialogues from answering models it was not trained on (\(data), \($0))" }
            ?? "on held-out FULCRA dialogues (\(Int((heldOutShare * 100).rounded()))% of \(data)'s prompts, seed \(seed))"
        let worst = worstMacroF1.map { String(format: "; worst fold %.2f", $0) + (worstFold.map { " (\($0))" } ?? "") } ?? ""
        return "Evaluator check: \(basis) it gave the human label of a value \(percent(meanAccuracy)) of the time "
            + "(macro-F1 \(String(format: "%.2f", meanMacroF1)) averaged over the values\(worst), so rare labels are often missed) "
            + "and all ten labels for \(percent(exactVectorMatch)) of dialogues. Differences between profiles smaller "
            + "than that error are not evidence of different values."
            + (perValue == nil ? "" : " The profiles' plain intervals cover sampling of answers only, not this evaluator error; "
                + "its per-value size is listed beside them.")
    }

    /// Whether answers in `language` are covered by the check; nil when the model file does not say.
    public func validates(_ language: Language) -> Bool? {
        languages.map { ($0[language.rawValue] ?? 0) >= Self.minimumDialoguesPerLanguage }
    }

    /// What a profile's "with evaluator error" row is, in one sentence.
    public static let evaluatorErrorRowNote = "Rows \"± with evaluator error\": the half-width of a 95% interval "
        + "around the same mean that also carries the evaluator's bias on an answering model it never saw "
        + "(the spread of its mean label minus people's on the models it was cross-validated on), so it aims "
        + "to hold the profile people would give; the plain intervals hold only the evaluator's."

    /// "value accuracy/macro-F1" per value, for a line under a profile table.
    public var perValueLine: String? {
        perValue.map { list in
            "Evaluator error per value, out of fold (accuracy / macro-F1): "
                + list.map { "\($0.value) \(String(format: "%.2f", $0.accuracy)) / \(String(format: "%.2f", $0.macroF1))" }.joined(separator: ", ")
        }
    }

    private func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
