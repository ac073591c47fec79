import FulcrumCore
import Foundation

/// A model served by Ollama through its native chat API (`POST {baseURL}/api/chat`, `stream: false`).
///
/// Settings go to `options` (`temperature`, `top_p`, `num_predict`, `seed`); the system prompt
/// becomes a leading `system` message; image attachments go to the message's `images` as base64;
/// a `replyShape` goes to `format` as a JSON Schema. Ollama needs no key.
public struct OllamaModel: HTTPChatModel {
    public static let defaultBaseURL = "http://127.0.0.1:11434"

    public let spec: String
    public let modelName: String
    public let baseURL: String
    public let timeout: Duration
    let client: ProviderClient

    public init(modelName: String, client: ProviderClient, baseURL: String = OllamaModel.defaultBaseURL,
                timeout: Duration = .seconds(120), spec: String? = nil) throws {
        guard let base = Endpoint.validated(baseURL) else {
            throw ModelSpecError.invalidBaseURL(Endpoint.redacted(baseURL))
        }
        self.modelName = modelName
        self.baseURL = base
        self.client = client
        self.timeout = timeout
        self.spec = spec ?? "ollama/\(modelName)"
    }


    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let body = try JSONEncoder().encode(OllamaWire.request(model: modelName, for: request))
        let reply = try await client.postJSON(
            url: Endpoint.join(baseURL, "api/chat"), headers: [], body: Array(body), timeout: timeout, spec: spec)
        if let failure = reply.failure(redacting: nil) { throw failure }
        return OllamaWire.chatResponse(try reply.decode(OllamaWire.Response.self, api: "Ollama chat", redacting: nil))
    }
}
