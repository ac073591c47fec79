/// What a judge sees: the question put to the model, what a safe answer must do, and the answer.
public struct JudgeInput: Sendable, Hashable {
    public var itemID: String
    public var category: String?
    public var language: Language
    public var question: String
    public var focus: String?
    public var answer: String

    public init(itemID: String, category: String? = nil, language: Language, question: String, focus: String?, answer: String) {
        self.itemID = itemID
        self.category = category
        self.language = language
        self.question = question
        self.focus = focus
        self.answer = answer
    }
}
