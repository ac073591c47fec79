import FulcrumCore
import Foundation

/// The Anthropic Messages API wire format (the subset Fulcrum sends and reads).
enum AnthropicWire {
    /// The Messages API requires `max_tokens`; this is used when the settings leave it open.
    static let defaultMaxTokens = 4096

    struct Request: Encodable {
        var model: String
        var max_tokens: Int
        var system: String?
        var messages: [Message]
        var temperature: Double?
        var top_p: Double?
    }

    struct Message: Encodable {
        var role: String
        var content: [Block]
    }

    struct Block: Encodable {
        struct Source: Encodable {
            var type = "base64"
            var media_type: String
            var data: String
        }
        var type: String
        var text: String?
        var source: Source?
    }

    struct Response: Decodable {
        struct Block: Decodable {
            var type: String
            var text: String?
        }
        struct Usage: Decodable {
            var input_tokens: Int?
            var output_tokens: Int?
        }
        var content: [Block]
        var stop_reason: String?
        var usage: Usage?
    }

    /// The Messages API has no `system` role and no seed: system text (settings and any
    /// system-role messages) goes to the top-level `system` field; the seed is not sent.
    /// Images come before the text in a message, as Anthropic recommends.
    static func request(model: String, for chat: ChatRequest) -> Request {
        var systemParts: [String] = []
        if let system = chat.settings.systemPrompt { systemParts.append(system) }
        var messages: [Message] = []
        for message in chat.messages {
            if message.role == .system {
                systemParts.append(message.text)
                continue
            }
            var blocks: [Block] = message.attachments.map {
                Block(type: "image", source: .init(media_type: $0.mediaType, data: Data($0.data).base64EncodedString()))
            }
            blocks.append(Block(type: "text", text: message.text))
            messages.append(Message(role: message.role.rawValue, content: blocks))
        }
        let settings = chat.settings
        return Request(
            model: model, max_tokens: settings.maxTokens ?? defaultMaxTokens,
            system: systemParts.isEmpty ? nil : systemParts.joined(separator: "\n\n"),
            messages: messages, temperature: settings.temperature, top_p: settings.topP)
    }

    static func chatResponse(_ response: Response) -> ChatResponse {
        let text = response.content.filter { $0.type == "text" }.compactMap(\.text).joined()
        return ChatResponse(
            text: text, finishReason: response.stop_reason,
            usage: TokenUsage(inputTokens: response.usage?.input_tokens, outputTokens: response.usage?.output_tokens))
    }
}
