import Foundation

/// A failure the fault server injects, requested by a marker in the last user message:
/// `[[fault:KIND]]` fails every attempt, `[[fault:KINDxN]]` only the first N attempts for that
/// prompt (attempts are counted per last-user-message text), so a retrying client then succeeds.
///
/// Kinds: `429`, `429-retry-after=S` (Retry-After in seconds), `429-retry-date=S` (Retry-After as
/// an HTTP-date S seconds ahead), any status `400`…`599` (e.g. `500`, `503`, `401`), `malformed`
/// (200 with a body that is not JSON), `truncated` (200 whose body stops halfway, then the
/// connection closes), `slow=MS` (answers normally after MS milliseconds), `stall-body=MS` (sends
/// the head and half the body, then the rest after MS milliseconds), `drop` (closes the
/// connection without answering).
public struct Fault: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case status(Int)
        case rateLimited(retryAfterSeconds: Int?, asDate: Bool)
        case malformed
        case truncated
        case slow(milliseconds: Int)
        /// Sends the head and half the body, waits, then the rest (a stream that stalls).
        case stallBody(milliseconds: Int)
        case drop
    }

    public var kind: Kind
    /// Fail only this many attempts; nil fails every attempt.
    public var count: Int?

    public init(kind: Kind, count: Int? = nil) {
        self.kind = kind
        self.count = count
    }

    /// The marker text that requests this fault, for building prompts in tests.
    public var marker: String {
        let name: String
        switch kind {
        case .status(let code): name = "\(code)"
        case .rateLimited(let seconds?, let asDate): name = asDate ? "429-retry-date=\(seconds)" : "429-retry-after=\(seconds)"
        case .rateLimited(nil, _): name = "429"
        case .malformed: name = "malformed"
        case .truncated: name = "truncated"
        case .slow(let ms): name = "slow=\(ms)"
        case .stallBody(let ms): name = "stall-body=\(ms)"
        case .drop: name = "drop"
        }
        return "[[fault:\(name)\(count.map { "x\($0)" } ?? "")]]"
    }

    /// The first well-formed marker in `text`, or nil. Unknown kinds are ignored (no fault).
    public static func parse(in text: String) -> Fault? {
        var rest = Substring(text)
        while let open = rest.range(of: "[[fault:") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "]]") else { return nil }
            if let fault = parseBody(String(after[..<close.lowerBound])) { return fault }
            rest = after[close.upperBound...]
        }
        return nil
    }

    static func parseBody(_ body: String) -> Fault? {
        var name = body
        var count: Int?
        if let x = body.lastIndex(of: "x"), let n = Int(body[body.index(after: x)...]), n > 0 {
            name = String(body[..<x])
            count = n
        }
        let kind: Kind
        if name == "429" {
            kind = .rateLimited(retryAfterSeconds: nil, asDate: false)
        } else if name.hasPrefix("429-retry-after="), let s = Int(name.dropFirst("429-retry-after=".count)), s >= 0 {
            kind = .rateLimited(retryAfterSeconds: s, asDate: false)
        } else if name.hasPrefix("429-retry-date="), let s = Int(name.dropFirst("429-retry-date=".count)), s >= 0 {
            kind = .rateLimited(retryAfterSeconds: s, asDate: true)
        } else if let code = Int(name), (400...599).contains(code) {
            kind = .status(code)
        } else if name == "malformed" {
            kind = .malformed
        } else if name == "truncated" {
            kind = .truncated
        } else if name.hasPrefix("slow="), let ms = Int(name.dropFirst("slow=".count)), ms >= 0 {
            kind = .slow(milliseconds: ms)
        } else if name.hasPrefix("stall-body="), let ms = Int(name.dropFirst("stall-body=".count)), ms >= 0 {
            kind = .stallBody(milliseconds: ms)
        } else if name == "drop" {
            kind = .drop
        } else {
            return nil
        }
        return Fault(kind: kind, count: count)
    }

    /// Removes every marker, so the echoed answer does not carry them.
    static func stripMarkers(from text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[[fault:"), let close = rest[open.upperBound...].range(of: "]]") {
            result += rest[..<open.lowerBound]
            rest = rest[close.upperBound...]
        }
        return (result + rest).trimmingCharacters(in: .whitespaces)
    }
}
