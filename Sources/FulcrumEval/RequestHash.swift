import Foundation
import FulcrumCore

/// The response-cache key: SHA-256 over model spec, settings, messages (attachments by content digest)
/// and sample index.
///
/// The sample index is part of the key on purpose: asking for three samples of one prompt must make
/// three calls, not reuse one answer three times.
public enum RequestHash {
    public static func of(modelSpec: String, request: ChatRequest, sampleIndex: Int) -> String {
        struct Key: Encodable {
            var model: String
            var settings: GenerationSettings
            var messages: [Message]
            var sample: Int
            /// Omitted when nil, so keys of requests without one are unchanged.
            var replyShape: JSONReplyShape?
        }
        struct Message: Encodable {
            var role: String
            var text: String
            var attachments: [String]
        }
        let key = Key(model: modelSpec, settings: request.settings, messages: request.messages.map { message in
            Message(role: message.role.rawValue, text: message.text,
                    attachments: message.attachments.map { $0.mediaType + ":" + SHA256.hex($0.data) })
        }, sample: sampleIndex, replyShape: request.replyShape)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex(Array((try? encoder.encode(key)) ?? Data()))
    }
}
