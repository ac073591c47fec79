/// The reply a request needs: one JSON object whose fields are all required strings.
///
/// Providers that can constrain decoding are sent it as a JSON Schema (OpenAI structured outputs,
/// llama.cpp grammars, Ollama's `format`), so even a small model replies with parseable JSON; others
/// (Anthropic) rely on the prompt asking for it. Callers still parse and check the reply: a schema
/// is a request, and a reply cut short by `maxTokens` is not valid JSON.
/// ```swift
/// var request = ChatRequest(messages: [.init(role: .user, text: "Reply with {\"prompt\": …}")])
/// request.replyShape = JSONReplyShape(name: "draft", fields: ["prompt", "focus"], maxLength: 600)
/// ```
public struct JSONReplyShape: Codable, Sendable, Hashable {
    /// A short identifier (OpenAI requires one for the schema).
    public var name: String
    public var fields: [String]
    /// Longest value per field, in characters, where the provider can enforce it (grammar-based
    /// servers); keeps a rambling model from running into `maxTokens` mid-string.
    public var maxLength: Int?

    public init(name: String, fields: [String], maxLength: Int? = nil) {
        self.name = name
        self.fields = fields
        self.maxLength = maxLength
    }
}
