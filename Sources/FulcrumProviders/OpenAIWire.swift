import FulcrumCore
import Foundation

/// The OpenAI chat-completions wire format (the subset Fulcrum sends and reads).
enum OpenAIWire {
    struct Request: Encodable {
        var model: String
        var messages: [Message]
        var temperature: Double?
        var top_p: Double?
        var max_tokens: Int?
        /// OpenAI's own API deprecated `max_tokens` and its reasoning models reject it; other
        /// OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) know `max_tokens`.
        var max_completion_tokens: Int?
        var seed: Int?
        var stream = false
        var response_format: ResponseFormat?
    }

    /// `{"type": "json_schema", "json_schema": {…}}` (OpenAI) or `{"type": "json_object", "schema": …}` (llama.cpp).
    struct ResponseFormat: Encodable {
        struct NamedSchema: Encodable {
            var name: String
            var schema: ReplySchema
            var strict = true
        }
        var type: String
        var json_schema: NamedSchema?
        var schema: ReplySchema?

        init(_ shape: JSONReplyShape, dialect: ServerDialect) {
            switch dialect {
            case .openAI:
                type = "json_schema"
                json_schema = NamedSchema(name: shape.name, schema: ReplySchema(shape, lengthLimits: false))
            case .llamaCpp:
                type = "json_object"
                schema = ReplySchema(shape, lengthLimits: true)
            }
        }
    }

    struct Message: Encodable {
        var role: String
        var content: Content
    }

    /// Plain text when there is no attachment (every server accepts that); otherwise content parts.
    enum Content: Encodable {
        case text(String)
        case parts([Part])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .parts(let parts): try container.encode(parts)
            }
        }
    }

    struct Part: Encodable {
        struct ImageURL: Encodable { var url: String }
        var type: String
        var text: String?
        var image_url: ImageURL?
    }

    struct Response: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
                var refusal: String?
            }
            var message: Message
            var finish_reason: String?
        }
        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }
        var choices: [Choice]
        var usage: Usage?
    }

    static func request(model: String, for chat: ChatRequest, useMaxCompletionTokens: Bool,
                        dialect: ServerDialect = .openAI) -> Request {
        var messages: [Message] = []
        // llama.cpp dialect: system text waits for the next user turn and leads it.
        var pendingSystem: [String] = []
        if let system = chat.settings.systemPrompt {
            if dialect == .llamaCpp { pendingSystem.append(system) } else { messages.append(Message(role: "system", content: .text(system))) }
        }
        for message in chat.messages {
            if dialect == .llamaCpp, message.role == .system {
                pendingSystem.append(message.text)
                continue
            }
            var text = message.text
            if message.role == .user, !pendingSystem.isEmpty {
                text = (pendingSystem + [text]).joined(separator: "\n\n")
                pendingSystem = []
            }
            if message.attachments.isEmpty {
                messages.append(Message(role: message.role.rawValue, content: .text(text)))
            } else {
                var parts = [Part(type: "text", text: text)]
                for attachment in message.attachments {
                    let url = "data:\(attachment.mediaType);base64,\(Data(attachment.data).base64EncodedString())"
                    parts.append(Part(type: "image_url", image_url: .init(url: url)))
                }
                messages.append(Message(role: message.role.rawValue, content: .parts(parts)))
            }
        }
        if !pendingSystem.isEmpty {
            messages.append(Message(role: "user", content: .text(pendingSystem.joined(separator: "\n\n"))))
        }
        let settings = chat.settings
        return Request(
            model: model, messages: messages, temperature: settings.temperature, top_p: settings.topP,
            max_tokens: useMaxCompletionTokens ? nil : settings.maxTokens,
            max_completion_tokens: useMaxCompletionTokens ? settings.maxTokens : nil,
            seed: settings.seed, response_format: chat.replyShape.map { ResponseFormat($0, dialect: dialect) })
    }

    static func chatResponse(_ response: Response) throws -> ChatResponse {
        guard let choice = response.choices.first else {
            throw ChatError.malformedResponse("OpenAI-compatible response has no choices")
        }
        // A refusal is an answer too (the benchmark judges it), so it is returned as the text.
        let text = choice.message.content ?? choice.message.refusal ?? ""
        return ChatResponse(
            text: text, finishReason: choice.finish_reason,
            usage: TokenUsage(inputTokens: response.usage?.prompt_tokens, outputTokens: response.usage?.completion_tokens))
    }
}
