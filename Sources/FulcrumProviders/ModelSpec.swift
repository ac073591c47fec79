import Foundation

/// Names a model as `provider/model`: `openai/gpt-4o`, `anthropic/claude-sonnet-4-5`,
/// `ollama/llama3`, `local/gemma` (an OpenAI-compatible server on this machine). Everything after
/// the first `/` is the model name, so names with slashes (`openai/meta-llama/Llama-3-8B` on vLLM)
/// and tags (`ollama/llama3:8b`) work. `baseURL` overrides the provider's default endpoint.
public struct ModelSpec: Sendable, Hashable, CustomStringConvertible {
    public enum Provider: String, Sendable, Hashable, CaseIterable {
        /// OpenAI chat completions, or any compatible server via a base URL.
        case openai
        case anthropic
        case ollama
        /// An OpenAI-compatible server on this machine, by default http://127.0.0.1:8080/v1
        /// (the one `scripts/local-model.sh start` runs); never sent an API key.
        case local
    }

    public var provider: Provider
    public var modelName: String
    public var baseURL: String?

    public init(provider: Provider, modelName: String, baseURL: String? = nil) {
        self.provider = provider
        self.modelName = modelName
        self.baseURL = baseURL
    }

    /// Parses `provider/model` (provider case-insensitive, surrounding spaces ignored).
    public init(parsing text: String, baseURL: String? = nil) throws(ModelSpecError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let slash = trimmed.firstIndex(of: "/") else { throw .invalidFormat(spec: text) }
        let providerName = trimmed[..<slash].lowercased()
        let model = String(trimmed[trimmed.index(after: slash)...])
        guard !providerName.isEmpty, !model.isEmpty, !model.contains(where: \.isWhitespace) else {
            throw .invalidFormat(spec: text)
        }
        guard let provider = Provider(rawValue: providerName) else {
            throw .unknownProvider(provider: String(trimmed[..<slash]), spec: text)
        }
        if let baseURL, Endpoint.validated(baseURL) == nil {
            throw .invalidBaseURL(Endpoint.redacted(baseURL))
        }
        self.init(provider: provider, modelName: model, baseURL: baseURL)
    }

    /// `provider/model`: the name results are stored under (`ChatModel.spec`).
    public var description: String { "\(provider.rawValue)/\(modelName)" }
}
