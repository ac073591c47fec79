/// A model that answers a conversation: messages in, text with usage and finish reason out.
///
/// Implementations (in FulcrumProviders): OpenAI-compatible chat completions, Anthropic Messages,
/// Ollama chat. They throw `ChatError`, whose `isRetryable` tells the runner what to retry.
/// ```swift
/// let reply = try await model.complete(ChatRequest(messages: [.init(role: .user, text: "Hi")]))
/// print(reply.text, reply.usage.outputTokens ?? 0)
/// ```
public protocol ChatModel: Sendable {
    /// The spec it was made from, e.g. `openai/gpt-4o` (never contains a key).
    var spec: String { get }
    func complete(_ request: ChatRequest) async throws -> ChatResponse
}

public struct ChatRequest: Codable, Sendable, Hashable {
    public var messages: [ChatMessage]
    public var settings: GenerationSettings
    /// When set, the reply must be a JSON object of this shape (see `JSONReplyShape`).
    public var replyShape: JSONReplyShape?

    public init(messages: [ChatMessage], settings: GenerationSettings = GenerationSettings(),
                replyShape: JSONReplyShape? = nil) {
        self.messages = messages
        self.settings = settings
        self.replyShape = replyShape
    }
}

public struct TokenUsage: Codable, Sendable, Hashable {
    public var inputTokens: Int?
    public var outputTokens: Int?

    public init(inputTokens: Int? = nil, outputTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

public struct ChatResponse: Codable, Sendable, Hashable {
    public var text: String
    /// As the provider reports it: `stop`, `length`, `content_filter`, `end_turn`, …
    public var finishReason: String?
    public var usage: TokenUsage

    public init(text: String, finishReason: String?, usage: TokenUsage) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
    }
}

/// Why a model call failed, classified so the runner can decide to retry.
public enum ChatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP 429; `retryAfter` in seconds when the server said.
    case rateLimited(retryAfter: Double?)
    /// HTTP 5xx.
    case server(status: Int, body: String)
    /// Other HTTP errors (400, 401, 404…): retrying will not help.
    case client(status: Int, body: String)
    case timeout
    case connection(String)
    /// The body could not be read as the provider's response format.
    case malformedResponse(String)
    case configuration(String)

    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .server, .timeout, .connection, .malformedResponse: true
        case .client, .configuration: false
        }
    }

    /// A short stable name for summaries: `rate-limited`, `server-error`, …
    public var cause: String {
        switch self {
        case .rateLimited: "rate-limited"
        case .server: "server-error"
        case .client: "client-error"
        case .timeout: "timeout"
        case .connection: "connection"
        case .malformedResponse: "malformed-response"
        case .configuration: "configuration"
        }
    }

    public var description: String {
        switch self {
        case .rateLimited(let after): "rate limited (HTTP 429)" + (after.map { ", retry after \($0)s" } ?? "")
        case .server(let status, let body): "server error HTTP \(status): \(body.prefix(200))"
        case .client(let status, let body): "HTTP \(status): \(body.prefix(200))"
        case .timeout: "request timed out"
        case .connection(let why): "connection failed: \(why)"
        case .malformedResponse(let why): "malformed response: \(why)"
        case .configuration(let why): why
        }
    }
}
