/// How well the value evaluator matched FULCRA's human value labels on dialogues it was not trained
/// on, as recorded in its model file at training time (`fulcrum values train`). Reports print it
/// next to value profiles: a profile is only as telling as the evaluator that produced it.
public struct EvaluatorCheck: Codable, Sendable, Hashable {
    /// Training data file(s) the held-out dialogues came from.
    public var data: String
    /// Share of the data's prompts held out (split by prompt, so no prompt is in both parts).
    public var heldOutShare: Double
    public var seed: String
    /// Mean over the ten values of the share of dialogues whose label (−1/0/+1) was right.
    public var meanAccuracy: Double
    /// Mean over the ten values of the macro-F1 over the three labels.
    public var meanMacroF1: Double
    /// Share of dialogues with all ten labels right.
    public var exactVectorMatch: Double

    /// Nil when the model file records no held-out figures (trained without a held-out part).
    public init?(metadata: [String: String]) {
        guard let accuracy = metadata["heldOutMeanAccuracy"].flatMap(Double.init),
              let macroF1 = metadata["heldOutMeanMacroF1"].flatMap(Double.init),
              let exact = metadata["heldOutExactMatch"].flatMap(Double.init) else { return nil }
        data = metadata["data"] ?? "unknown data"
        heldOutShare = metadata["testShare"].flatMap(Double.init) ?? 0
        seed = metadata["seed"] ?? "?"
        meanAccuracy = accuracy
        meanMacroF1 = macroF1
        exactVectorMatch = exact
    }

    /// One plain sentence for reports.
    public var sentence: String {
        "Evaluator check: on held-out FULCRA dialogues (\(Int((heldOutShare * 100).rounded()))% of \(data)'s prompts, "
            + "seed \(seed)) it gave the human label of a value \(percent(meanAccuracy)) of the time "
            + "(macro-F1 \(String(format: "%.2f", meanMacroF1)) averaged over the values, so rare labels are often missed) "
            + "and all ten labels for \(percent(exactVectorMatch)) of dialogues. Differences between profiles smaller "
            + "than that error are not evidence of different values."
    }

    private func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
