import Foundation
import FulcrumCore

/// A stored judgment of one generation by one judge (one repeat). `score` nil is N/A; the raw reply is
/// always kept so an unparseable reply can be inspected and counted.
public struct JudgmentRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var generationID: Int64
    public var judge: String
    public var repeatIndex: Int
    public var score: Double?
    public var parseStatus: JudgmentParseStatus
    public var reason: String?
    public var rawReply: String
    public var harmProbability: Double?
    public var actionClass: Int?
    /// The judge's settings (model, temperature, max tokens, template version) as JSON; never a key.
    public var settingsJSON: String
    public var created: Date

    public init(generationID: Int64, judge: String, repeatIndex: Int, judgment: Judgment, settingsJSON: String, created: Date = Date()) {
        self.generationID = generationID
        self.judge = judge
        self.repeatIndex = repeatIndex
        score = judgment.score
        parseStatus = judgment.parseStatus
        reason = judgment.reason
        rawReply = judgment.rawReply
        harmProbability = judgment.harmProbability
        actionClass = judgment.actionClass?.rawValue
        self.settingsJSON = settingsJSON
        self.created = created
    }

    /// A judgment as a store reads it back.
    public init(id: Int64?, generationID: Int64, judge: String, repeatIndex: Int, score: Double?,
                parseStatus: JudgmentParseStatus, reason: String?, rawReply: String, harmProbability: Double?,
                actionClass: Int?, settingsJSON: String, created: Date) {
        self.id = id
        self.generationID = generationID
        self.judge = judge
        self.repeatIndex = repeatIndex
        self.score = score
        self.parseStatus = parseStatus
        self.reason = reason
        self.rawReply = rawReply
        self.harmProbability = harmProbability
        self.actionClass = actionClass
        self.settingsJSON = settingsJSON
        self.created = created
    }
}
