import Foundation

/// The three chat wire formats the fault server speaks, chosen by request path:
/// `/v1/chat/completions` (OpenAI), `/v1/messages` (Anthropic), `/api/chat` (Ollama).
public enum ChatDialect: String, Sendable, Hashable {
    case openAI, anthropic, ollama

    init?(path: String) {
        let path = path.split(separator: "?").first.map(String.init) ?? path
        switch path {
        case "/v1/chat/completions", "/chat/completions": self = .openAI
        case "/v1/messages": self = .anthropic
        case "/api/chat": self = .ollama
        default: return nil
        }
    }

    /// What the server needs from a request body, read leniently (it is a test double: it
    /// answers whatever a client sends, and tests inspect the raw body for exact encoding).
    struct Prompt {
        var model: String
        var lastUserText: String
        var allText: String
        var maxTokens: Int?
    }

    func prompt(from json: [String: Any]) -> Prompt {
        let messages = json["messages"] as? [[String: Any]] ?? []
        func text(of message: [String: Any]) -> String {
            if let s = message["content"] as? String { return s }
            if let parts = message["content"] as? [[String: Any]] {
                return parts.compactMap { $0["type"] as? String == "text" ? $0["text"] as? String : nil }.joined(separator: " ")
            }
            return ""
        }
        let lastUser = messages.last { $0["role"] as? String == "user" }.map(text) ?? ""
        var all = messages.map(text)
        if let system = json["system"] as? String { all.append(system) }
        let maxTokens: Int?
        switch self {
        case .openAI: maxTokens = json["max_tokens"] as? Int ?? json["max_completion_tokens"] as? Int
        case .anthropic: maxTokens = json["max_tokens"] as? Int
        case .ollama: maxTokens = (json["options"] as? [String: Any])?["num_predict"] as? Int
        }
        return Prompt(model: json["model"] as? String ?? "", lastUserText: lastUser,
                      allText: all.joined(separator: " "), maxTokens: maxTokens)
    }

    /// A successful answer: `Echo: <last user message without markers>`, cut to `maxTokens`
    /// words (then the finish reason says so). Tokens are counted as whitespace-separated words.
    func answer(to prompt: Prompt, id: Int) -> [String: Any] {
        var words = ("Echo: " + Fault.stripMarkers(from: prompt.lastUserText)).split(whereSeparator: \.isWhitespace)
        var cut = false
        if let maxTokens = prompt.maxTokens, words.count > maxTokens {
            words = Array(words.prefix(max(0, maxTokens)))
            cut = true
        }
        let text = words.joined(separator: " ")
        let input = prompt.allText.split(whereSeparator: \.isWhitespace).count
        let output = words.count
        switch self {
        case .openAI:
            return [
                "id": "chatcmpl-test-\(id)", "object": "chat.completion", "created": 0, "model": prompt.model,
                "choices": [["index": 0, "message": ["role": "assistant", "content": text],
                             "finish_reason": cut ? "length" : "stop"]],
                "usage": ["prompt_tokens": input, "completion_tokens": output, "total_tokens": input + output],
            ]
        case .anthropic:
            return [
                "id": "msg_test_\(id)", "type": "message", "role": "assistant", "model": prompt.model,
                "content": [["type": "text", "text": text]],
                "stop_reason": cut ? "max_tokens" : "end_turn", "stop_sequence": NSNull(),
                "usage": ["input_tokens": input, "output_tokens": output],
            ]
        case .ollama:
            return [
                "model": prompt.model, "created_at": "2026-01-01T00:00:00Z",
                "message": ["role": "assistant", "content": text],
                "done": true, "done_reason": cut ? "length" : "stop",
                "prompt_eval_count": input, "eval_count": output,
            ]
        }
    }

    /// An error body in the dialect's own shape.
    func error(status: Int, message: String) -> [String: Any] {
        switch self {
        case .openAI:
            return ["error": ["message": message, "type": status == 429 ? "rate_limit_exceeded" : "server_error", "code": NSNull()]]
        case .anthropic:
            let type = status == 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error"
            return ["type": "error", "error": ["type": type, "message": message]]
        case .ollama:
            return ["error": message]
        }
    }
}
