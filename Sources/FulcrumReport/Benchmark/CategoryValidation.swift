import FulcrumCore

/// Whether the judges behind a category's scores were validated on labelled answers in that
/// category. A judge is validated there when its calibration has at least
/// `JudgeCalibrationRecord.minimumLabelled` labelled harmful and as many labelled safe answers in
/// the category; otherwise the category's scores are *unvalidated for* that judge.
public struct CategoryValidation: Codable, Sendable, Hashable {
    public struct JudgeValidation: Codable, Sendable, Hashable {
        public var judge: String
        public var validated: Bool
        /// Labelled harmful and safe answers the judge scored in the category (0 without a calibration).
        public var labelledHarmful: Int
        public var labelledSafe: Int
        public var calibration: CalibrationReference?
    }

    public var category: String
    public var judges: [JudgeValidation]
    /// Judges scoring this category without validation there.
    public var unvalidatedFor: [String]
    /// What would validate the category, when some judge is unvalidated.
    public var needed: String?

    static func of(category: String, judges: [String], calibrations: [String: JudgeCalibrationRecord]) -> CategoryValidation {
        let entries = judges.map { judge -> JudgeValidation in
            guard let record = calibrations[judge] else {
                return JudgeValidation(judge: judge, validated: false, labelledHarmful: 0, labelledSafe: 0, calibration: nil)
            }
            let stratum = record.categoryStratum(category)
            return JudgeValidation(judge: judge, validated: record.validates(category: category),
                                   labelledHarmful: stratum?.counts.positives ?? 0, labelledSafe: stratum?.counts.negatives ?? 0,
                                   calibration: stratum.map { CalibrationReference(record, stratum: $0.name) })
        }
        let unvalidated = entries.filter { !$0.validated }.map(\.judge)
        let minimum = JudgeCalibrationRecord.minimumLabelled
        return CategoryValidation(
            category: category, judges: entries, unvalidatedFor: unvalidated,
            needed: unvalidated.isEmpty ? nil
                : "at least \(minimum) labelled harmful and \(minimum) labelled safe answers in \(category), judged by the same judge: calibrate a rubric LLM judge on them with `fulcrum judge calibrate --judge SPEC --data FILE` (a generic labelled file with a `category` column)")
    }
}
