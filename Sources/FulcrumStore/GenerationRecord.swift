import Foundation

/// How a generation came to be.
public enum GenerationOrigin: String, Codable, Sendable, Hashable {
    /// A model call made by this run.
    case model
    /// Copied from an identical earlier request (same model, settings, messages, sample index).
    case cache
    /// Answer made elsewhere and imported with `fulcrum responses import`.
    case `import`
}

/// The outcome of one plan row: a model's answer, or the reason it could not be had.
///
/// At most one per plan row. A failed generation is replaced
/// when the row is retried on resume; a successful one is never overwritten.
public struct GenerationRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var planRowID: Int64
    /// Cache key: SHA-256 of model spec, settings, messages and sample index; nil for imports.
    public var requestHash: String?
    /// The messages sent, as JSON (`[StoredMessage]`: attachments by path and digest, not bytes).
    public var messagesJSON: String
    public var responseText: String?
    public var finishReason: String?
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var latencyMs: Int?
    /// Calls made for this row (1 when the first call answered; 0 for cache hits and imports).
    public var attempts: Int
    /// Short stable cause (`rate-limited`, `timeout`, `attachment-missing`, …); nil when answered.
    public var errorCause: String?
    public var errorMessage: String?
    public var origin: GenerationOrigin
    public var startedAt: Date?
    public var finishedAt: Date

    public init(id: Int64? = nil, planRowID: Int64, requestHash: String?, messagesJSON: String,
                responseText: String? = nil, finishReason: String? = nil, inputTokens: Int? = nil,
                outputTokens: Int? = nil, latencyMs: Int? = nil, attempts: Int = 0, errorCause: String? = nil,
                errorMessage: String? = nil, origin: GenerationOrigin = .model, startedAt: Date? = nil,
                finishedAt: Date = Date()) {
        self.id = id
        self.planRowID = planRowID
        self.requestHash = requestHash
        self.messagesJSON = messagesJSON
        self.responseText = responseText
        self.finishReason = finishReason
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.latencyMs = latencyMs
        self.attempts = attempts
        self.errorCause = errorCause
        self.errorMessage = errorMessage
        self.origin = origin
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    public var succeeded: Bool { errorCause == nil }
}

/// A message as stored with a generation: attachments are named and digested, not copied into the DB.
public struct StoredMessage: Codable, Sendable, Hashable {
    public struct StoredAttachment: Codable, Sendable, Hashable {
        public var path: String
        public var mediaType: String
        public var byteCount: Int
        public var sha256: String
        public init(path: String, mediaType: String, byteCount: Int, sha256: String) {
            self.path = path
            self.mediaType = mediaType
            self.byteCount = byteCount
            self.sha256 = sha256
        }
    }

    public var role: String
    public var text: String
    public var attachments: [StoredAttachment]

    public init(role: String, text: String, attachments: [StoredAttachment] = []) {
        self.role = role
        self.text = text
        self.attachments = attachments
    }
}
