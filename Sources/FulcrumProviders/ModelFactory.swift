import FulcrumCore
import Foundation

/// Builds the right `ChatModel` for a spec, reading endpoints and keys from the environment.
///
/// | provider  | base URL (first that is set)                                          | key                         |
/// |-----------|-----------------------------------------------------------------------|-----------------------------|
/// | openai    | spec.baseURL, `OPENAI_BASE_URL`, https://api.openai.com/v1            | `OPENAI_API_KEY`; required only for api.openai.com |
/// | anthropic | spec.baseURL, `ANTHROPIC_BASE_URL`, https://api.anthropic.com         | `ANTHROPIC_API_KEY`, required |
/// | ollama    | spec.baseURL, `OLLAMA_HOST`, http://127.0.0.1:11434                   | none                        |
/// | local     | spec.baseURL, `FULCRUM_LOCAL_MODEL_URL`, http://127.0.0.1:8080/v1     | none (never sent)           |
///
/// `local` models speak `ServerDialect.llamaCpp` (llama-cpp-python's server); the rest `.openAI`.
public struct ModelFactory: Sendable {
    public static let defaultOpenAIBaseURL = "https://api.openai.com/v1"
    public static let defaultLocalBaseURL = "http://127.0.0.1:8080/v1"

    public let client: ProviderClient
    public var environment: [String: String]
    /// Per-request timeout given to every model made.
    public var timeout: Duration

    public init(client: ProviderClient, environment: [String: String] = ProcessInfo.processInfo.environment,
                timeout: Duration = .seconds(120)) {
        self.client = client
        self.environment = environment
        self.timeout = timeout
    }

    /// Parses `spec` (e.g. `openai/gpt-4o`) and builds its model. Throws `ModelSpecError`.
    public func makeModel(_ spec: String, baseURL: String? = nil) throws -> any ChatModel {
        try makeModel(ModelSpec(parsing: spec, baseURL: baseURL))
    }

    public func makeModel(_ spec: ModelSpec) throws -> any ChatModel {
        let name = spec.description
        switch spec.provider {
        case .openai:
            let base = spec.baseURL ?? variable("OPENAI_BASE_URL") ?? Self.defaultOpenAIBaseURL
            let key = APIKey(environment["OPENAI_API_KEY"])
            if key == nil, URLComponents(string: base)?.host == "api.openai.com" {
                throw ModelSpecError.missingAPIKey(spec: name, variable: "OPENAI_API_KEY")
            }
            return try OpenAICompatibleModel(modelName: spec.modelName, baseURL: base, apiKey: key,
                                             client: client, timeout: timeout, spec: name)
        case .local:
            let base = spec.baseURL ?? variable("FULCRUM_LOCAL_MODEL_URL") ?? Self.defaultLocalBaseURL
            return try OpenAICompatibleModel(modelName: spec.modelName, baseURL: base, apiKey: nil,
                                             client: client, timeout: timeout, spec: name,
                                             dialect: .llamaCpp)
        case .anthropic:
            guard let key = APIKey(environment["ANTHROPIC_API_KEY"]) else {
                throw ModelSpecError.missingAPIKey(spec: name, variable: "ANTHROPIC_API_KEY")
            }
            let base = spec.baseURL ?? variable("ANTHROPIC_BASE_URL") ?? AnthropicModel.defaultBaseURL
            return try AnthropicModel(modelName: spec.modelName, apiKey: key, client: client,
                                      baseURL: base, timeout: timeout, spec: name)
        case .ollama:
            let base = spec.baseURL ?? variable("OLLAMA_HOST").map(Self.ollamaURL) ?? OllamaModel.defaultBaseURL
            return try OllamaModel(modelName: spec.modelName, client: client, baseURL: base,
                                   timeout: timeout, spec: name)
        }
    }

    private func variable(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// `OLLAMA_HOST` is often written without a scheme (`127.0.0.1:11434`) as Ollama itself accepts.
    static func ollamaURL(_ host: String) -> String {
        host.contains("://") ? host : "http://" + host
    }
}
