/// Reads one JSONL line as a flat record of text fields, straight from its UTF-8 bytes.
///
/// The whole line is validated as JSON (RFC 8259), nested values included, so a malformed line is
/// refused, never half read. Top-level values become text: strings as they are, numbers and
/// booleans as written, lists of strings or numbers as a stored list (`["a","b"]`); `null`, objects
/// and other values are left out. For duplicate keys the last one wins. Written by hand because
/// `JSONSerialization` builds a bridged object per value and was most of a 100,000-line import.
struct JSONLineObject {
    /// Deeper nesting is refused rather than risking the stack on a hostile line.
    static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<[String: String], ParseProblem> {
        var reader = JSONLineObject(bytes: line)
        do throws(ParseProblem) {
            reader.skipSpace()
            guard reader.peek == UInt8(ascii: "{") else {
                try reader.skipValue()
                reader.skipSpace()
                guard reader.i == line.count else { throw ParseProblem("malformed JSON") }
                return .failure(ParseProblem("line is not a JSON object"))
            }
            let values = try reader.object()
            reader.skipSpace()
            guard reader.i == line.count else { throw reader.problem("text after the JSON object") }
            return .success(values)
        } catch {
            return .failure(error)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func problem(_ what: String, at position: Int? = nil) -> ParseProblem {
        ParseProblem("malformed JSON at byte \((position ?? i) + 1): \(what)")
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(ParseProblem) {
        skipSpace()
        guard peek == byte else { throw problem("expected '\(Character(Unicode.Scalar(byte)))'") }
        i += 1
    }

    /// The top-level object, converting its values to text.
    private mutating func object() throws(ParseProblem) -> [String: String] {
        var values: [String: String] = [:]
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return values }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw problem("expected a quoted key") }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            values[key] = try text()
            skipSpace()
            guard let next = peek else { throw problem("unterminated object") }
            i += 1
            if next == UInt8(ascii: "}") { return values }
            guard next == UInt8(ascii: ",") else { throw problem("expected ',' or '}'") }
        }
    }

    /// A top-level value as text, or nil for values a text field cannot hold.
    private mutating func text() throws(ParseProblem) -> String? {
        skipSpace()
        guard let byte = peek else { throw problem("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "["): return try list()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = i
            try skipValue()
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        default:
            try skipValue()
            return nil
        }
    }

    /// A list's strings and numbers as a stored list; other elements are validated and left out.
    private mutating func list() throws(ParseProblem) -> String {
        var items: [String] = []
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return StoredLists.encode(items) }
        while true {
            skipSpace()
            let start = i
            guard let byte = peek else { throw problem("unterminated list") }
            switch byte {
            case UInt8(ascii: "\""): items.append(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
                items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            default: try skipValue()
            }
            skipSpace()
            guard let next = peek else { throw problem("unterminated list") }
            i += 1
            if next == UInt8(ascii: "]") { return StoredLists.encode(items) }
            guard next == UInt8(ascii: ",") else { throw problem("expected ',' or ']'") }
        }
    }

    /// Validates and skips any value (nested objects and lists included).
    private mutating func skipValue(depth: Int = 1) throws(ParseProblem) {
        guard depth <= Self.maximumDepth else { throw problem("nested more than \(Self.maximumDepth) levels deep") }
        skipSpace()
        guard let byte = peek else { throw problem("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let close = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            i += 1
            skipSpace()
            if peek == close { i += 1; return }
            while true {
                if close == UInt8(ascii: "}") {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else { throw problem("expected a quoted key") }
                    _ = try string()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                guard let next = peek else { throw problem("unterminated \(close == UInt8(ascii: "]") ? "list" : "object")") }
                i += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else { throw problem("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
            }
        default: throw problem("unexpected '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws(ParseProblem) {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count,
              (0..<count).allSatisfy({ bytes[i + $0] == word.utf8Start[$0] }) else { throw problem("expected \(word)") }
        i += count
    }

    /// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() throws(ParseProblem) {
        if peek == UInt8(ascii: "-") { i += 1 }
        func digits(_ reader: inout JSONLineObject) -> Int {
            let start = reader.i
            while let b = reader.peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { reader.i += 1 }
            return reader.i - start
        }
        if peek == UInt8(ascii: "0") { i += 1 } else if digits(&self) == 0 { throw problem("invalid number") }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw problem("invalid number") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw problem("invalid number") }
        }
    }

    /// A quoted string, unescaped. Runs without escapes are copied as they are.
    private mutating func string() throws(ParseProblem) -> String {
        let quote = i
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        guard i < bytes.count else { throw problem("unterminated string", at: quote) }
        if bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw problem("unterminated string", at: quote) }
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { throw problem("unterminated string", at: quote) }
                i += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default: throw problem("invalid escape")
                }
            default:
                guard b >= 0x20 else { throw problem("control character in string") }
                out.append(b)
            }
        }
    }

    /// The UTF-8 bytes of a `\uXXXX` escape (after the `u`), joining surrogate pairs. A lone
    /// surrogate becomes U+FFFD, as in `String(decoding:)`.
    private mutating func unicodeEscape() throws(ParseProblem) -> [UInt8] {
        var value = try hex4()
        if (0xD800...0xDBFF).contains(value), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
            let save = i
            i += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) {
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else {
                i = save
            }
        }
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws(ParseProblem) -> UInt32 {
        guard i + 4 <= bytes.count else { throw problem("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw problem("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }
}
