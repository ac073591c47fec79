/// A FULCRA dialogue split into the human's prompt and the assistant's response.
public struct Dialogue: Sendable, Hashable, Codable {
    public var prompt: String
    public var response: String

    public init(prompt: String, response: String) {
        self.prompt = prompt
        self.response = response
    }

    /// Reads `Human: …\nBob: …` (FULCRA's format; `Assistant:` is accepted too). Text without the
    /// markers is taken as a response with an empty prompt, so nothing is dropped.
    public init(parsing text: String) {
        let markers = ["\nBob:", "\nAssistant:", "\nAI:"]
        for marker in markers {
            if let range = text.firstRange(of: marker) {
                var prompt = String(text[..<range.lowerBound])
                if prompt.hasPrefix("Human:") { prompt.removeFirst("Human:".count) }
                self.init(prompt: prompt.trimmed,
                          response: String(text[range.upperBound...]).trimmed)
                return
            }
        }
        var prompt = text
        if prompt.hasPrefix("Human:") {
            prompt.removeFirst("Human:".count)
            self.init(prompt: prompt.trimmed, response: "")
        } else {
            self.init(prompt: "", response: text.trimmed)
        }
    }

    /// The prompt in a form where trivial variants (case, quotes, spacing) coincide: the key of the
    /// by-prompt split, so no prompt lands in both training and test data.
    public var promptKey: String { Self.normalizedKey(prompt) }

    public static func normalizedKey(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " " }
        return String(String.UnicodeScalarView(kept)).split(separator: " ").joined(separator: " ")
    }
}

import Foundation
