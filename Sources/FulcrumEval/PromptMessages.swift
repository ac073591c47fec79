import Foundation
import FulcrumCore
import FulcrumStore

/// Builds the messages for one planned call: the item's prompt in the row's language, with its
/// attachments read from disk.
enum PromptMessages {
    struct Built {
        var messages: [ChatMessage]
        var stored: [StoredMessage]
    }

    /// A row that cannot be sent; recorded as that row's failure, never a crash.
    struct Problem: Error {
        var cause: String
        var message: String
    }

    static func build(item: SuiteItem, language: Language, baseDirectory: String?) throws(Problem) -> Built {
        guard let text = item.prompt[language] else {
            throw Problem(cause: "missing-prompt", message: "item \(item.id) has no \(language) prompt")
        }
        var attachments: [ChatAttachment] = []
        var stored: [StoredMessage.StoredAttachment] = []
        for attachment in item.attachments {
            let path = attachment.path.hasPrefix("/")
                ? attachment.path
                : (baseDirectory ?? FileManager.default.currentDirectoryPath) + "/" + attachment.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw Problem(cause: "attachment-missing", message: "item \(item.id): attachment '\(attachment.path)' not found at \(path)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Problem(cause: "attachment-unreadable", message: "item \(item.id): attachment \(path) could not be read")
            }
            let bytes = [UInt8](data)
            attachments.append(ChatAttachment(mediaType: attachment.mediaType, data: bytes))
            stored.append(.init(path: attachment.path, mediaType: attachment.mediaType, byteCount: bytes.count,
                                sha256: SHA256.hex(bytes)))
        }
        return Built(messages: [ChatMessage(role: .user, text: text, attachments: attachments)],
                     stored: [StoredMessage(role: "user", text: text, attachments: stored)])
    }

    static func json(_ stored: [StoredMessage]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(stored)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
