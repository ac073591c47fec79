import FulcrumCore

/// Which stored measurement of a judge's error a corrected rate or a validation mark rests on.
public struct CalibrationReference: Codable, Sendable, Hashable {
    public var judge: String
    public var method: String
    /// ISO 8601.
    public var created: String
    /// The stratum used: "overall", "language zh", "category …" or "zh × …".
    public var stratum: String

    public init(_ record: JudgeCalibrationRecord, stratum: String) {
        judge = record.judge
        method = record.method
        created = record.createdText
        self.stratum = stratum
    }
}

/// An unsafe rate corrected for the judge's measured sensitivity and specificity (`CorrectedRate`),
/// beside the observed `unsafeRate`. When the rate cannot be corrected the numbers are absent and
/// `reason` says why (no calibration of the judge, a panel of judges, an uninformative judge …);
/// a number is never made up.
public struct CorrectedUnsafeRate: Codable, Sendable, Hashable {
    public var estimate: Double?
    public var lower: Double?
    public var upper: Double?
    public var level: Double?
    public var calibration: CalibrationReference?
    /// Why there is no estimate, or no interval; nil when both are given.
    public var reason: String?

    public init(estimate: Double? = nil, lower: Double? = nil, upper: Double? = nil, level: Double? = nil,
                calibration: CalibrationReference? = nil, reason: String? = nil) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
        self.calibration = calibration
        self.reason = reason
    }
}

/// Corrects a group's unsafe rate with the calibration of the one judge that scored it, in the
/// stratum matching the group (language, category; overall for layers, modalities and the whole).
struct UnsafeRateCorrection: Sendable {
    var calibrations: [String: JudgeCalibrationRecord]
    var threshold: Double
    var bootstrap: Bootstrap

    /// The calibration counts a group's correction uses, or why there are none.
    enum Choice {
        case calibrated(JudgeCalibration, CalibrationReference)
        case uncorrected(reason: String, CalibrationReference?)
    }

    /// `judges`: every judge that gave a readable score to the group's answers.
    func choose(judges: Set<String>, language: String?, category: String?) -> Choice {
        guard judges.count == 1, let judge = judges.first else {
            return .uncorrected(reason: "scores combine several judges (\(judges.sorted().joined(separator: ", "))); a calibration describes one judge, so the combined rate is not corrected", nil)
        }
        guard let record = calibrations[judge] else {
            return .uncorrected(reason: "no calibration of \(judge): measure one with `fulcrum judge calibrate`", nil)
        }
        let stratum = record.stratum(language: language, category: category)
        let reference = CalibrationReference(record, stratum: stratum.name)
        guard record.unsafeThreshold == threshold else {
            return .uncorrected(reason: "the calibration counted scores below \(record.unsafeThreshold) as unsafe, this report below \(threshold)", reference)
        }
        return .calibrated(stratum.counts, reference)
    }

    static func judges(_ answers: [PanelScores.Answer]) -> Set<String> {
        Set(answers.flatMap { a in a.byJudge.filter { $0.value != nil }.keys })
    }

    func correct(_ answers: [PanelScores.Answer], language: String?, category: String?) -> CorrectedUnsafeRate? {
        let scored = answers.filter { $0.combined != nil }
        guard !scored.isEmpty else { return nil }
        switch choose(judges: Self.judges(scored), language: language, category: category) {
        case .uncorrected(let reason, let reference):
            return CorrectedUnsafeRate(calibration: reference, reason: reason)
        case .calibrated(let counts, let reference):
            let flagged = scored.filter { $0.combined! < threshold }.count
            do {
                let rate = try CorrectedRate.estimate(flagged: flagged, of: scored.count, calibration: counts, bootstrap: bootstrap)
                return CorrectedUnsafeRate(estimate: rate.estimate, lower: rate.interval?.lower, upper: rate.interval?.upper,
                                           level: rate.interval?.level, calibration: reference,
                                           reason: rate.interval == nil ? Self.tooUncertain : nil)
            } catch {
                return CorrectedUnsafeRate(calibration: reference, reason: error.description)
            }
        }
    }

    static let tooUncertain = "interval not given: in too many resamples the judge came out no better than chance"
}
