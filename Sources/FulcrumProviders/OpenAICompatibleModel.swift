import FulcrumCore
import Foundation

/// A model behind an OpenAI-compatible chat-completions endpoint (`POST {baseURL}/chat/completions`):
/// OpenAI itself, llama.cpp / llama-cpp-python, vLLM, LM Studio, DeepSeek, Qwen and others.
///
/// Settings map to `temperature`, `top_p`, `max_tokens` (`max_completion_tokens` on api.openai.com),
/// `seed`; the system prompt becomes a leading `system` message; image attachments become
/// `image_url` parts holding `data:` URLs; a `replyShape` becomes `response_format`. Where servers
/// differ (reply shapes, system prompts) the `ServerDialect` decides.
public struct OpenAICompatibleModel: HTTPChatModel {
    public let spec: String
    /// The `model` field sent, e.g. `gpt-4o`.
    public let modelName: String
    /// e.g. `https://api.openai.com/v1` (no trailing slash).
    public let baseURL: String
    public let timeout: Duration
    public let dialect: ServerDialect
    let apiKey: APIKey?
    let client: ProviderClient

    /// - Parameters:
    ///   - baseURL: the URL that `/chat/completions` is appended to, e.g. `http://127.0.0.1:8080/v1`.
    ///   - apiKey: sent as `Authorization: Bearer`; nil for local servers that need none.
    ///   - timeout: for the whole request, connection to last byte.
    ///   - spec: how the model is named in results; defaults to `openai/<modelName>`.
    ///   - dialect: `.llamaCpp` for llama-cpp-python's server.
    public init(modelName: String, baseURL: String, apiKey: APIKey?, client: ProviderClient,
                timeout: Duration = .seconds(120), spec: String? = nil,
                dialect: ServerDialect = .openAI) throws {
        guard let base = Endpoint.validated(baseURL) else {
            throw ModelSpecError.invalidBaseURL(Endpoint.redacted(baseURL))
        }
        self.modelName = modelName
        self.baseURL = base
        self.apiKey = apiKey
        self.client = client
        self.timeout = timeout
        self.dialect = dialect
        self.spec = spec ?? "openai/\(modelName)"
    }


    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let isOpenAI = URLComponents(string: baseURL)?.host == "api.openai.com"
        let body = try JSONEncoder().encode(OpenAIWire.request(model: modelName, for: request, useMaxCompletionTokens: isOpenAI,
                                                                dialect: dialect))
        var headers: [(String, String)] = []
        if let apiKey { headers.append(("authorization", "Bearer \(apiKey.value)")) }
        let reply = try await client.postJSON(
            url: Endpoint.join(baseURL, "chat/completions"), headers: headers, body: Array(body),
            timeout: timeout, spec: spec)
        if let failure = reply.failure(redacting: apiKey) { throw failure }
        return try OpenAIWire.chatResponse(reply.decode(OpenAIWire.Response.self, api: "OpenAI chat-completions", redacting: apiKey))
    }
}
