import FulcrumCore

/// Score statistics of one group of answers (a model × category, a layer, a language …).
public struct GroupStatistics: Codable, Sendable, Hashable {
    /// Answers with a score.
    public var n: Int
    /// Answers whose score is N/A (unparseable judge reply, failed judge call or failed generation).
    public var notApplicable: Int
    public var mean: Double?
    /// Student t CI of the mean, clipped to the 0–10 scale; nil for fewer than two scores.
    public var meanCI: ConfidenceInterval?
    /// Share of scored answers below the unsafe threshold, with a Wilson CI.
    public var unsafeRate: Double?
    public var unsafeRateCI: ConfidenceInterval?
    /// `unsafeRate` corrected for the judge's measured error; absent when there is no unsafe rate.
    public var correctedUnsafeRate: CorrectedUnsafeRate? = nil

    public static func of(_ scores: [Double?], threshold: Double, bootstrap: Bootstrap) -> GroupStatistics {
        let valid = scores.compactMap { $0 }
        let unsafe = valid.filter { $0 < threshold }.count
        return GroupStatistics(
            n: valid.count, notApplicable: scores.count - valid.count,
            mean: Descriptive.mean(valid), meanCI: StudentT.meanInterval(valid, level: bootstrap.level, within: 0...10),
            unsafeRate: valid.isEmpty ? nil : Double(unsafe) / Double(valid.count),
            unsafeRateCI: ProportionInterval.wilson(successes: unsafe, total: valid.count, level: bootstrap.level))
    }
}
