import FulcrumCore
import Foundation

/// Ollama's native chat API wire format (`/api/chat`, non-streaming).
enum OllamaWire {
    struct Request: Encodable {
        struct Options: Encodable {
            var temperature: Double?
            var top_p: Double?
            var num_predict: Int?
            var seed: Int?
        }
        var model: String
        var messages: [Message]
        var stream = false
        var options: Options
        /// A JSON Schema the reply must follow (Ollama 0.5+ structured outputs).
        var format: ReplySchema?
    }

    struct Message: Encodable {
        var role: String
        var content: String
        /// Base64 images, without a data-URL prefix.
        var images: [String]?
    }

    struct Response: Decodable {
        struct Message: Decodable { var content: String }
        var message: Message
        var done_reason: String?
        var prompt_eval_count: Int?
        var eval_count: Int?
    }

    static func request(model: String, for chat: ChatRequest) -> Request {
        var messages: [Message] = []
        if let system = chat.settings.systemPrompt {
            messages.append(Message(role: "system", content: system))
        }
        for message in chat.messages {
            let images = message.attachments.map { Data($0.data).base64EncodedString() }
            messages.append(Message(role: message.role.rawValue, content: message.text, images: images.isEmpty ? nil : images))
        }
        let settings = chat.settings
        return Request(
            model: model, messages: messages,
            options: .init(temperature: settings.temperature, top_p: settings.topP, num_predict: settings.maxTokens, seed: settings.seed),
            format: chat.replyShape.map { ReplySchema($0, lengthLimits: true) })
    }

    static func chatResponse(_ response: Response) -> ChatResponse {
        ChatResponse(
            text: response.message.content, finishReason: response.done_reason,
            usage: TokenUsage(inputTokens: response.prompt_eval_count, outputTokens: response.eval_count))
    }
}
