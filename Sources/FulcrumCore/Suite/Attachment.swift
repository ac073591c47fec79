/// A file that goes with a benchmark item (an image to describe, an audio clip to transcribe).
public struct Attachment: Codable, Sendable, Hashable {
    /// Path relative to the suite file's folder (or absolute).
    public var path: String
    /// MIME type, e.g. `image/png`, `audio/mpeg`.
    public var mediaType: String

    public init(path: String, mediaType: String) {
        self.path = path
        self.mediaType = mediaType
    }

    /// Guesses a media type from a file name's extension; `application/octet-stream` when unknown.
    public init(path: String) {
        self.init(path: path, mediaType: Self.mediaType(forPath: path))
    }

    public static func mediaType(forPath path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return switch ext {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "mp3": "audio/mpeg"
        case "wav": "audio/wav"
        case "m4a": "audio/mp4"
        case "mp4": "video/mp4"
        case "mov": "video/quicktime"
        case "webm": "video/webm"
        default: "application/octet-stream"
        }
    }

    public var isImage: Bool { mediaType.hasPrefix("image/") }
}
