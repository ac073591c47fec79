import FulcrumCore
import Foundation

/// A Claude model through the Anthropic Messages API (`POST {baseURL}/v1/messages`).
///
/// Settings map to `temperature`, `top_p`, `max_tokens` (required by the API: 4,096 when unset)
/// and the top-level `system` field; Anthropic has no seed, so `seed` is not sent. Image
/// attachments become `image` blocks with a base64 `source`. A `replyShape` is not sent (the
/// Messages API has no schema parameter): the prompt must ask for the JSON, and the caller parses.
public struct AnthropicModel: HTTPChatModel {
    /// The API version header value sent with every request.
    public static let apiVersion = "2023-06-01"
    public static let defaultBaseURL = "https://api.anthropic.com"

    public let spec: String
    public let modelName: String
    public let baseURL: String
    public let timeout: Duration
    let apiKey: APIKey
    let client: ProviderClient

    /// - Parameters:
    ///   - baseURL: the URL that `/v1/messages` is appended to (default `https://api.anthropic.com`).
    ///   - apiKey: sent as `x-api-key`.
    ///   - spec: how the model is named in results; defaults to `anthropic/<modelName>`.
    public init(modelName: String, apiKey: APIKey, client: ProviderClient,
                baseURL: String = AnthropicModel.defaultBaseURL,
                timeout: Duration = .seconds(120), spec: String? = nil) throws {
        guard let base = Endpoint.validated(baseURL) else {
            throw ModelSpecError.invalidBaseURL(Endpoint.redacted(baseURL))
        }
        self.modelName = modelName
        self.baseURL = base
        self.apiKey = apiKey
        self.client = client
        self.timeout = timeout
        self.spec = spec ?? "anthropic/\(modelName)"
    }


    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let body = try JSONEncoder().encode(AnthropicWire.request(model: modelName, for: request))
        let headers = [("x-api-key", apiKey.value), ("anthropic-version", Self.apiVersion)]
        let reply = try await client.postJSON(
            url: Endpoint.join(baseURL, "v1/messages"), headers: headers, body: Array(body),
            timeout: timeout, spec: spec)
        if let failure = reply.failure(redacting: apiKey) { throw failure }
        return AnthropicWire.chatResponse(try reply.decode(AnthropicWire.Response.self, api: "Anthropic Messages", redacting: apiKey))
    }
}
