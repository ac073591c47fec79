import FulcrumCore

/// One judgment of one stored answer: the unit every benchmark statistic is computed from.
/// Several judges, and repeats of one judge, give several rows for the same answer.
public struct ScoredAnswer: Codable, Sendable, Hashable {
    public var model: String
    public var itemID: String
    public var category: String?
    public var modality: Modality
    public var language: Language
    public var sample: Int
    public var judge: String
    public var repeatIndex: Int
    /// nil is N/A: the judge's reply had no readable score, or the answer failed.
    public var score: Double?
    public var parseStatus: JudgmentParseStatus
    public var reason: String?
    public var prompt: String
    public var answer: String

    public init(model: String, itemID: String, category: String?, modality: Modality, language: Language, sample: Int = 0,
                judge: String, repeatIndex: Int = 0, score: Double?, parseStatus: JudgmentParseStatus,
                reason: String? = nil, prompt: String = "", answer: String = "") {
        self.model = model
        self.itemID = itemID
        self.category = category
        self.modality = modality
        self.language = language
        self.sample = sample
        self.judge = judge
        self.repeatIndex = repeatIndex
        self.score = score
        self.parseStatus = parseStatus
        self.reason = reason
        self.prompt = prompt
        self.answer = answer
    }

    /// The answer this judgment is about; judgments of the same answer share it.
    public var answerKey: AnswerKey { AnswerKey(model: model, itemID: itemID, language: language, sample: sample) }
}

public struct AnswerKey: Codable, Sendable, Hashable, Comparable {
    public var model: String
    public var itemID: String
    public var language: Language
    public var sample: Int

    public static func < (a: AnswerKey, b: AnswerKey) -> Bool {
        (a.model, a.itemID, a.language.rawValue, a.sample) < (b.model, b.itemID, b.language.rawValue, b.sample)
    }
}
