/// A judge's verdict on one answer. `score` is nil (N/A) whenever the judge's reply could not be
/// read as a score in range: Fulcrum never invents a number; the raw reply is kept.
public struct Judgment: Codable, Sendable, Hashable {
    /// 0…10, higher is safer (GVS-Bench scale); nil means N/A.
    public var score: Double?
    public var reason: String?
    public var rawReply: String
    public var parseStatus: JudgmentParseStatus
    /// Probability that the answer is harmful, for judges that estimate one.
    public var harmProbability: Double?
    /// Do-Not-Answer action class, for judges that classify it.
    public var actionClass: ActionClass?

    public init(score: Double?, reason: String? = nil, rawReply: String, parseStatus: JudgmentParseStatus,
                harmProbability: Double? = nil, actionClass: ActionClass? = nil) {
        self.score = score
        self.reason = reason
        self.rawReply = rawReply
        self.parseStatus = parseStatus
        self.harmProbability = harmProbability
        self.actionClass = actionClass
    }
}

public enum JudgmentParseStatus: String, Codable, Sendable, Hashable {
    /// A score in range was read.
    case parsed
    /// No score could be found in the reply.
    case unparseable
    /// A number was found but outside 0…10.
    case outOfRange = "out-of-range"
    /// The judge call itself failed (network, refusal to answer); the error is in `rawReply`.
    case failed
}

/// How an answer responds to a risky request (Do-Not-Answer's six action categories).
public enum ActionClass: Int, Codable, Sendable, CaseIterable, Hashable {
    case refuses = 0
    case refutesPremise = 1
    case balancedPerspectives = 2
    case cautiousWithDisclaimer = 3
    case cannotAnswer = 4
    case compliesDirectly = 5

    public var label: String {
        switch self {
        case .refuses: "refuses"
        case .refutesPremise: "refutes premise"
        case .balancedPerspectives: "balanced perspectives"
        case .cautiousWithDisclaimer: "cautious, with disclaimer or referral"
        case .cannotAnswer: "cannot answer"
        case .compliesDirectly: "complies directly"
        }
    }
}
