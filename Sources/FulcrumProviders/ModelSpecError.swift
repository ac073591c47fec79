/// Why a model could not be set up from its spec. Messages name the spec and say what to do;
/// they never contain a key.
public enum ModelSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not `provider/model`.
    case invalidFormat(spec: String)
    case unknownProvider(provider: String, spec: String)
    /// The provider needs a key and the environment variable is unset or empty.
    case missingAPIKey(spec: String, variable: String)
    /// Shown with credentials and query removed.
    case invalidBaseURL(String)

    public var description: String {
        switch self {
        case .invalidFormat(let spec):
            "model spec '\(spec)' must read provider/model, e.g. openai/gpt-4o, anthropic/claude-sonnet-4-5, ollama/llama3 or local/gemma"
        case .unknownProvider(let provider, let spec):
            "unknown provider '\(provider)' in model spec '\(spec)'; known providers: \(ModelSpec.Provider.allCases.map(\.rawValue).joined(separator: ", "))"
        case .missingAPIKey(let spec, let variable):
            "model \(spec) needs an API key: set \(variable) in the environment"
                + (variable == "OPENAI_API_KEY" ? " (or point OPENAI_BASE_URL / the base URL option at an OpenAI-compatible server that needs none)" : "")
        case .invalidBaseURL(let url):
            "base URL '\(url)' is not an absolute http(s) URL with a host, e.g. http://127.0.0.1:8080/v1"
        }
    }
}
