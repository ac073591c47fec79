/// One message of a conversation sent to a model.
public struct ChatMessage: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable { case system, user, assistant }

    public var role: Role
    public var text: String
    /// Images or other files sent with the message (each provider encodes them its own way).
    public var attachments: [ChatAttachment]

    public init(role: Role, text: String, attachments: [ChatAttachment] = []) {
        self.role = role
        self.text = text
        self.attachments = attachments
    }
}

/// File content sent with a message: bytes and their media type.
public struct ChatAttachment: Codable, Sendable, Hashable {
    public var mediaType: String
    public var data: [UInt8]

    public init(mediaType: String, data: [UInt8]) {
        self.mediaType = mediaType
        self.data = data
    }
}
