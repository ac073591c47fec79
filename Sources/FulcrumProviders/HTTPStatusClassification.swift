import Foundation
import FulcrumCore
import NIOCore
import NIOHTTP1

extension ProviderClient.Reply {
    /// The error this reply means, or nil for a 2xx. Error bodies are kept (they carry the
    /// provider's explanation) but cut to 2,000 characters and scrubbed of the API key.
    func failure(redacting key: APIKey?) -> ChatError? {
        guard !(200..<300).contains(status) else { return nil }
        var text = String(buffer: body)
        if let key { text = key.redact(text) }
        if text.count > 2000 { text = String(text.prefix(2000)) + "…" }
        switch status {
        case 429: return .rateLimited(retryAfter: retryAfterSeconds())
        // 408: the server gave up waiting for the request; a retry may well succeed.
        case 408: return .timeout
        case 500...599: return .server(status: status, body: text)
        default: return .client(status: status, body: text)
        }
    }

    /// `retry-after-ms` (sent by OpenAI and Azure, more precise) wins over `Retry-After`.
    func retryAfterSeconds(now: Date = Date()) -> Double? {
        if let ms = headers.first(name: "retry-after-ms").flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
           ms.isFinite, ms >= 0 {
            return ms / 1000
        }
        return headers.first(name: "retry-after").flatMap { RetryAfter.seconds(from: $0, now: now) }
    }

    /// Decodes a 2xx body, reporting what was wrong (field, or truncation) when it does not fit.
    func decode<Body: Decodable>(_ type: Body.Type, api: String, redacting key: APIKey?) throws -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: Data(body.readableBytesView))
        } catch {
            var start = String(buffer: body.getSlice(at: body.readerIndex, length: min(body.readableBytes, 200)) ?? body)
            if let key { start = key.redact(start) }
            throw ChatError.malformedResponse("not a valid \(api) response (\(JSONErrorDescription.describe(error))); body starts: \(start)")
        }
    }
}
