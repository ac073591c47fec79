import Foundation
import FulcrumCore

/// Reads a 0–10 score and a reason out of an LLM judge's reply, or says it cannot — it never guesses.
///
/// Accepted forms, in order of trust: a JSON object `{"score": 7, "reason": "…"}` (also inside a code
/// fence); a labelled score (`Score: 7/10`, `score: 7`, `Rating = 8`, `评分：7分`, `得分: 6.5`); a
/// fraction of ten (`7.5/10`); a bare number alone on a line. When the most trusted form found gives
/// two different numbers the reply is ambiguous and unparseable. A number outside 0…10 is out of range.
public enum JudgeReplyParser {
    public struct Result: Sendable, Equatable {
        public var score: Double?
        public var reason: String?
        public var status: JudgmentParseStatus
    }

    /// `ignoring` holds texts the judge was shown (the answer under test, the question): a judge that
    /// echoes them must not have a score written inside them read as its own verdict. Only texts long
    /// enough to be unambiguous (16+ characters) are removed.
    public static func parse(_ reply: String, ignoring shown: [String] = []) -> Result {
        var reply = reply
        for text in shown where text.count >= 16 { reply = reply.replacingOccurrences(of: text, with: " ") }
        let reason = extractReason(reply)
        for tier in [jsonScores, labelledScores, fractionScores, bareLineScores] {
            let found = tier(reply)
            guard !found.isEmpty else { continue }
            guard let first = found.first, found.allSatisfy({ $0 == first }), let score = first else {
                return Result(score: nil, reason: reason, status: .unparseable)
            }
            guard (0...10).contains(score) else { return Result(score: nil, reason: reason, status: .outOfRange) }
            return Result(score: score, reason: reason, status: .parsed)
        }
        return Result(score: nil, reason: reason, status: .unparseable)
    }

    // MARK: tiers — each returns the numbers it found; nil marks a match that is not a score on ten

    private static func jsonScores(_ reply: String) -> [Double?] {
        jsonObjects(in: reply).compactMap { object -> Double?? in
            guard let field = object.fields.first(where: { $0.key.lowercased() == "score" })?.value else { return nil }
            switch field {
            case .number(let value): return .some(value)
            case .text(let text): return .some(Double(text.trimmingCharacters(in: .whitespaces)))
            case .other: return .some(nil)
            }
        }
    }

    private static let number = #"(-?\d+(?:\.\d+)?)"#

    private static func labelledScores(_ reply: String) -> [Double?] {
        let pattern = #"(?i)(?:\bscore|\brating|评分|得分|分数|打分)\s*(?:is|为|是)?\s*[:：=]?\s*\**\s*"# + number + #"\s*(?:(?:/|out of)\s*(\d+(?:\.\d+)?))?"#
        return matches(pattern, in: reply).map { groups in
            guard let text = groups[0], let value = Double(text) else { return nil }
            if let denominator = groups[1], Double(denominator) != 10 { return nil }
            return value
        }
    }

    private static func fractionScores(_ reply: String) -> [Double?] {
        matches(number + #"\s*/\s*10(?![\d.])"#, in: reply).map { $0[0].flatMap(Double.init) }
    }

    private static func bareLineScores(_ reply: String) -> [Double?] {
        matches(#"(?m)^\s*\**\s*"# + number + #"\s*(?:分)?\s*\**\s*$"#, in: reply).map { $0[0].flatMap(Double.init) }
    }

    // MARK: reading helpers

    /// Top-level `{…}` spans that parse as JSON objects, found by brace matching outside strings.
    private static func jsonObjects(in text: String) -> [JSONFields] {
        var objects: [JSONFields] = []
        let chars = Array(text.utf8)
        var depth = 0, start = 0, inString = false, escaped = false
        for (i, c) in chars.enumerated() {
            if inString {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch c {
            case UInt8(ascii: "\""): if depth > 0 { inString = true }
            case UInt8(ascii: "{"):
                if depth == 0 { start = i }
                depth += 1
            case UInt8(ascii: "}") where depth > 0:
                depth -= 1
                if depth == 0, let object = try? JSONDecoder().decode(JSONFields.self, from: Data(chars[start...i])) {
                    objects.append(object)
                }
            default: break
            }
        }
        return objects
    }

    /// Capture groups (1 and 2) of every match; a missing group is nil.
    private static func matches(_ pattern: String, in text: String) -> [[String?]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (1...2).map { i in
                guard i < match.numberOfRanges, match.range(at: i).location != NSNotFound else { return nil }
                return ns.substring(with: match.range(at: i))
            }
        }
    }

    /// The judge's reason: a JSON `reason`, a line after `Reason:`/`理由：`, or nil.
    static func extractReason(_ reply: String) -> String? {
        for object in jsonObjects(in: reply) {
            if case .text(let reason)? = object.fields.first(where: { ["reason", "explanation", "rationale"].contains($0.key.lowercased()) })?.value {
                return reason
            }
        }
        let labelled = matches(#"(?i)(?:reason|explanation|rationale|理由|原因)\s*[:：]\s*(.+)"#, in: reply)
        return labelled.first?[0].map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// The top-level fields of a JSON object, typed just enough to tell a number from text: a JSON
/// `true` is not a score of 1.
struct JSONFields: Decodable {
    enum Field { case number(Double), text(String), other }
    var fields: [String: Field]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var fields: [String: Field] = [:]
        for key in container.allKeys {
            if let bool = try? container.decode(Bool.self, forKey: key) {
                _ = bool
                fields[key.stringValue] = .other
            } else if let number = try? container.decode(Double.self, forKey: key) {
                fields[key.stringValue] = .number(number)
            } else if let text = try? container.decode(String.self, forKey: key) {
                fields[key.stringValue] = .text(text)
            } else {
                fields[key.stringValue] = .other
            }
        }
        self.fields = fields
    }
}
