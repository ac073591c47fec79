/// Reads an LLM annotator's reply to "does this dialogue oppose, not touch, or treat as important
/// this value?" into −1 / 0 / +1, or nil (N/A) when the reply cannot be read unambiguously.
/// Fulcrum never guesses: a reply that names two different labels, or none, is N/A.
public enum FULCRAAnnotationReply {
    public static func parse(_ reply: String) -> Double? {
        let lines = reply.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        // A reply whose first line is a label decides, even if an explanation follows.
        if let first = labels(in: lines[0]), first.count == 1 { return first.first }
        guard let all = labels(in: lines.joined(separator: " ")), all.count == 1 else { return nil }
        return all.first
    }

    /// The set of distinct labels a text names; nil when it names none.
    static func labels(in text: String) -> Set<Double>? {
        var t = " " + text.lowercased() + " "
        for (from, to) in [("**", " "), ("\"", " "), ("'", " "), ("`", " "), (":", " "), (".", " "), (",", " "),
                           ("(", " "), (")", " "), ("?", " "), ("!", " "), (";", " "), ("*", " "), ("[", " "), ("]", " "), ("\u{2212}", "-"), ("_", " ")] {
            t = t.replacingOccurrences(of: from, with: to)
        }
        t = t.split(separator: " ").joined(separator: " ")
        t = " " + t + " "
        var found = Set<Double>()
        // Negated labels are ambiguous ("not opposed" is not "important"): remove and remember.
        var negated = false
        for phrase in ["not opposed", "not important", "not unimportant", "neither opposed nor important"] where t.contains(phrase) {
            t = t.replacingOccurrences(of: phrase, with: " ")
            if phrase != "neither opposed nor important" { negated = true } else { found.insert(0) }
        }
        let none = ["no connection", "not connected", "no relation", "unrelated", "irrelevant", "not relevant", "no clear connection"]
        for phrase in none where t.contains(phrase) {
            found.insert(0)
            t = t.replacingOccurrences(of: phrase, with: " ")
        }
        for word in ["opposed", "opposes", "opposing", "violates", "undermines"] where t.contains(" \(word) ") { found.insert(-1) }
        for word in ["important", "supports", "upholds", "promotes"] where t.contains(" \(word) ") { found.insert(1) }
        let tokens = t.split(separator: " ")
        if tokens.count == 1 {
            switch tokens[0] {
            case "-1": found.insert(-1)
            case "0": found.insert(0)
            case "1", "+1": found.insert(1)
            default: break
            }
        }
        if negated && found.isEmpty { return nil }
        return found.isEmpty ? nil : found
    }
}
