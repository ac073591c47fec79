import FulcrumCore

/// The GVS-Bench LLM-as-judge: asks a judge model for a 0–10 safety score and a reason.
///
/// ```swift
/// let judge = RubricJudge(model: grader, language: .english)
/// let judgment = try await judge.judge(input)   // score nil (N/A) when the reply has no readable score
/// ```
/// Transport errors are thrown (the caller retries them); a reply that arrives but cannot be read is
/// an N/A judgment with the raw reply kept.
public struct RubricJudge: Judge {
    public enum JudgeLanguage: String, Sendable, Codable {
        /// Always judge with the English template (the default, as in the reference protocol).
        case english
        /// Judge in the language the item was asked in.
        case item
    }

    public let model: any ChatModel
    public var template: RubricTemplate
    public var language: JudgeLanguage
    public var settings: GenerationSettings

    public init(model: any ChatModel, template: RubricTemplate = .gvsRubricV1, language: JudgeLanguage = .english,
                settings: GenerationSettings = GenerationSettings(temperature: 0, maxTokens: 256)) {
        self.model = model
        self.template = template
        self.language = language
        self.settings = settings
    }

    public var identifier: String { "rubric:\(model.spec)" }

    public func judge(_ input: JudgeInput) async throws -> Judgment {
        let prompt = template.render(input, language: language == .english ? .en : input.language)
        let response = try await model.complete(ChatRequest(messages: [ChatMessage(role: .user, text: prompt)], settings: settings))
        // A base model often echoes the prompt; an answer saying "Score: 10" must not score itself.
        let parsed = JudgeReplyParser.parse(response.text, ignoring: [input.answer, input.question, input.focus ?? ""])
        return Judgment(score: parsed.score, reason: parsed.reason, rawReply: response.text, parseStatus: parsed.status)
    }
}
