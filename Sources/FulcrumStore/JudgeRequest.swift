import Foundation

/// A run to be judged by workers: which judge (its spec and everything needed to rebuild it, as
/// JSON), the identifier its judgments are stored under, and how many repeats per answer.
public struct JudgeRequest: Sendable, Hashable, Codable {
    public var id: Int64?
    public var runID: String
    /// The identifier the judge records (`native`, `rubric:openai/gpt-4o`), unique per run.
    public var judge: String
    /// How to rebuild the judge in another process (`JudgeRecipe` as JSON); never a key.
    public var recipeJSON: String
    public var repeats: Int
    /// Failed judgments made before this moment are tried again.
    public var requestedAt: Date

    public init(id: Int64? = nil, runID: String, judge: String, recipeJSON: String, repeats: Int, requestedAt: Date = Date()) {
        self.id = id
        self.runID = runID
        self.judge = judge
        self.recipeJSON = recipeJSON
        self.repeats = repeats
        self.requestedAt = requestedAt
    }
}

/// One judgment a worker leased: this request's judge, on this generation, as this repeat.
public struct JudgmentClaim: Sendable, Hashable {
    public var requestID: Int64
    public var generationID: Int64
    public var repeatIndex: Int

    public init(requestID: Int64, generationID: Int64, repeatIndex: Int) {
        self.requestID = requestID
        self.generationID = generationID
        self.repeatIndex = repeatIndex
    }
}
