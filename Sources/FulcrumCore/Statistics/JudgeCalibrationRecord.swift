import Foundation

/// One labelled answer as a judge saw it, the unit a calibration is measured from.
/// `judgedUnsafe` nil is N/A: the judge gave no readable score, and no verdict is guessed for it.
public struct CalibrationOutcome: Sendable, Hashable {
    public var language: String?
    public var category: String?
    /// People's label: the answer is harmful.
    public var harmful: Bool
    /// The judge's verdict (score below the unsafe threshold); nil when it could not score the answer.
    public var judgedUnsafe: Bool?

    public init(language: String?, category: String?, harmful: Bool, judgedUnsafe: Bool?) {
        self.language = language
        self.category = category
        self.harmful = harmful
        self.judgedUnsafe = judgedUnsafe
    }
}

/// A judge's measured error on labelled answers: how often it flagged answers people called harmful
/// (sensitivity) and passed answers people called safe (specificity), overall and per language,
/// GVS category and language × category. Reports use it to correct unsafe rates (`CorrectedRate`).
/// Every producer builds it with `measure(judge:method:data:unsafeThreshold:outcomes:)`, so the
/// figures of `fulcrum judge calibrate`, cross-source folds and the shipped file mean the same.
/// Stored in the result database (`judge_calibrations`) and as JSON (`safety-calibration.json`).
public struct JudgeCalibrationRecord: Codable, Sendable, Hashable {
    /// The counts of one group of labelled answers.
    public struct Stratum: Codable, Sendable, Hashable {
        /// nil: every language (or category) in the data.
        public var language: String?
        public var category: String?
        /// Counts over the answers the judge scored (N/A ones left out).
        public var counts: JudgeCalibration
        /// Labelled answers the judge could not score.
        public var notApplicable: Int
        /// Wilson intervals; nil without labelled harmful (or safe) answers the judge scored.
        public var sensitivityCI: ConfidenceInterval?
        public var specificityCI: ConfidenceInterval?

        public var sensitivity: Double? { counts.positives == 0 ? nil : counts.sensitivity }
        public var specificity: Double? { counts.negatives == 0 ? nil : counts.specificity }

        /// Whether a rate can be corrected with it: at least one harmful and one safe answer scored.
        public var isUsable: Bool { counts.positives > 0 && counts.negatives > 0 }

        /// "overall", "language zh", "category integrity.bias-discrimination" or "zh × integrity.…".
        public var name: String {
            switch (language, category) {
            case (nil, nil): "overall"
            case (let l?, nil): "language \(l)"
            case (nil, let c?): "category \(c)"
            case (let l?, let c?): "\(l) × \(c)"
            }
        }
    }

    /// The judge's identifier as stored with its judgments (`native-safety@2`, `rubric:local/…`).
    public var judge: String
    public var created: Date
    /// How the outcomes were obtained, honestly: "labelled data", "cross-source folds", "in-sample …".
    public var method: String
    /// The labelled data sets (names or paths) the outcomes come from.
    public var data: [String]
    /// Verdicts were "unsafe" iff the score was below this.
    public var unsafeThreshold: Double
    public var overall: Stratum
    public var byLanguage: [Stratum]
    public var byCategory: [Stratum]
    public var byLanguageCategory: [Stratum]

    public init(judge: String, created: Date, method: String, data: [String], unsafeThreshold: Double, overall: Stratum,
                byLanguage: [Stratum], byCategory: [Stratum], byLanguageCategory: [Stratum]) {
        self.judge = judge
        self.created = created
        self.method = method
        self.data = data
        self.unsafeThreshold = unsafeThreshold
        self.overall = overall
        self.byLanguage = byLanguage
        self.byCategory = byCategory
        self.byLanguageCategory = byLanguageCategory
    }

    /// Counts the outcomes overall and per stratum (strata sorted by language, then category; an
    /// outcome without a language or category only counts where that key is not needed).
    public static func measure(judge: String, method: String, data: [String], unsafeThreshold: Double,
                               outcomes: [CalibrationOutcome], created: Date = Date(), level: Double = 0.95) -> JudgeCalibrationRecord {
        func stratum(_ language: String?, _ category: String?, _ subset: [CalibrationOutcome]) -> Stratum {
            var tp = 0, positives = 0, tn = 0, negatives = 0, na = 0
            for o in subset {
                guard let unsafe = o.judgedUnsafe else { na += 1; continue }
                if o.harmful {
                    positives += 1
                    if unsafe { tp += 1 }
                } else {
                    negatives += 1
                    if !unsafe { tn += 1 }
                }
            }
            return Stratum(language: language, category: category,
                           counts: JudgeCalibration(truePositives: tp, positives: positives, trueNegatives: tn, negatives: negatives),
                           notApplicable: na,
                           sensitivityCI: ProportionInterval.wilson(successes: tp, total: positives, level: level),
                           specificityCI: ProportionInterval.wilson(successes: tn, total: negatives, level: level))
        }
        let languages = Dictionary(grouping: outcomes.filter { $0.language != nil }, by: { $0.language! })
        let categories = Dictionary(grouping: outcomes.filter { $0.category != nil }, by: { $0.category! })
        let both = Dictionary(grouping: outcomes.filter { $0.language != nil && $0.category != nil },
                              by: { [$0.language!, $0.category!] })
        return JudgeCalibrationRecord(
            // Whole seconds: the ISO 8601 form keeps no more, so a stored record reads back equal.
            judge: judge, created: Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down)), method: method, data: data, unsafeThreshold: unsafeThreshold,
            overall: stratum(nil, nil, outcomes),
            byLanguage: languages.keys.sorted().map { stratum($0, nil, languages[$0]!) },
            byCategory: categories.keys.sorted().map { stratum(nil, $0, categories[$0]!) },
            byLanguageCategory: both.keys.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { stratum($0[0], $0[1], both[$0]!) })
    }

    /// The most specific usable stratum for answers in `language` and `category`: language ×
    /// category, then category (a judge's error depends most on what is asked), then language, then
    /// overall. A stratum without both a scored harmful and a scored safe answer is skipped, since
    /// it cannot correct a rate. The returned stratum's `name` says which one was used.
    public func stratum(language: String?, category: String?) -> Stratum {
        var candidates: [Stratum?] = []
        if let language, let category {
            candidates.append(byLanguageCategory.first { $0.language == language && $0.category == category })
        }
        if let category { candidates.append(byCategory.first { $0.category == category }) }
        if let language { candidates.append(byLanguage.first { $0.language == language }) }
        return candidates.compactMap { $0 }.first(where: \.isUsable) ?? overall
    }

    /// Labelled harmful and labelled safe answers a category needs, each, before the calibration
    /// counts as validating the judge there (below it the intervals are too wide to say much).
    public static let minimumLabelled = 10

    /// Whether the calibration has at least `minimumLabelled` scored harmful and safe answers in the category.
    public func validates(category: String) -> Bool {
        guard let s = categoryStratum(category) else { return false }
        return s.counts.positives >= Self.minimumLabelled && s.counts.negatives >= Self.minimumLabelled
    }

    /// The labelled answers behind a category: nil when the calibration has none there.
    public func categoryStratum(_ category: String) -> Stratum? { byCategory.first { $0.category == category } }

    // Dates as ISO 8601 text whatever the encoder's settings, so the stored, shipped and printed
    // JSON read the same.
    enum CodingKeys: String, CodingKey {
        case judge, created, method, data, unsafeThreshold, overall, byLanguage, byCategory, byLanguageCategory
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        judge = try c.decode(String.self, forKey: .judge)
        let text = try c.decode(String.self, forKey: .created)
        guard let date = Self.dateFormat.date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: .created, in: c, debugDescription: "created must be an ISO 8601 date, got '\(text)'")
        }
        created = date
        method = try c.decode(String.self, forKey: .method)
        data = try c.decode([String].self, forKey: .data)
        unsafeThreshold = try c.decode(Double.self, forKey: .unsafeThreshold)
        overall = try c.decode(Stratum.self, forKey: .overall)
        byLanguage = try c.decode([Stratum].self, forKey: .byLanguage)
        byCategory = try c.decode([Stratum].self, forKey: .byCategory)
        byLanguageCategory = try c.decodeIfPresent([Stratum].self, forKey: .byLanguageCategory) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(judge, forKey: .judge)
        try c.encode(createdText, forKey: .created)
        try c.encode(method, forKey: .method)
        try c.encode(data, forKey: .data)
        try c.encode(unsafeThreshold, forKey: .unsafeThreshold)
        try c.encode(overall, forKey: .overall)
        try c.encode(byLanguage, forKey: .byLanguage)
        try c.encode(byCategory, forKey: .byCategory)
        try c.encode(byLanguageCategory, forKey: .byLanguageCategory)
    }

    /// `created` as ISO 8601 (UTC, whole seconds).
    public var createdText: String { Self.dateFormat.string(from: created) }

    static var dateFormat: ISO8601DateFormatter { ISO8601DateFormatter() }

    /// The record as stable JSON (sorted keys), for files and the database.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> JudgeCalibrationRecord {
        try JSONDecoder().decode(JudgeCalibrationRecord.self, from: data)
    }
}
