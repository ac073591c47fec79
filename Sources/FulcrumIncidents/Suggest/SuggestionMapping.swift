import Foundation
import FulcrumCore

/// The documented mapping from foreign taxonomies and text cues to GVS categories
/// (`Resources/suggestion-mapping.json`; read its `about`). Loaded and checked against the scale.
public struct SuggestionMapping: Codable, Sendable {
    public struct ForeignRule: Codable, Sendable {
        /// Suggestion source, becomes coder `machine:<source>`.
        public var source: String
        public var taxonomy: String
        public var field: String
        /// The rule fires on any of these values (case-insensitive)…
        public var equals: [String]?
        /// …or on any non-empty value not in this list…
        public var notIn: [String]?
        /// …or on a number at least this.
        public var atLeast: Double?
        public var category: String

        func matches(_ value: String) -> Bool {
            let v = value.trimmed.lowercased()
            if let equals { return equals.contains { $0.lowercased() == v } }
            if let notIn { return !v.isEmpty && !notIn.contains { $0.lowercased() == v } }
            if let atLeast, let number = Double(v) { return number >= atLeast }
            return false
        }
    }

    public struct LifecycleRule: Codable, Sendable {
        public var taxonomy: String
        public var field: String
        public var equals: [String]
        public var stage: String
    }

    public struct TextCue: Codable, Sendable {
        public var category: String
        public var cues: [String]
    }

    public struct ModalityCue: Codable, Sendable {
        public var modality: Modality
        public var cues: [String]
    }

    public var version: String
    public var about: String
    public var foreign: [ForeignRule]
    public var lifecycle: [LifecycleRule]
    public var textCues: [TextCue]
    public var modalityCues: [ModalityCue]

    /// The mapping shipped with Fulcrum.
    public static let builtIn: SuggestionMapping = {
        guard let url = Bundle.module.url(forResource: "suggestion-mapping", withExtension: "json", subdirectory: "Resources"),
              let mapping = try? load(url) else {
            fatalError("The built-in suggestion mapping is missing or invalid; the package was built incorrectly.")
        }
        return mapping
    }()

    /// Loads a mapping and checks every category and stage exists in `scale`.
    public static func load(_ url: URL, scale: GVSScale = .builtIn) throws -> SuggestionMapping {
        let mapping: SuggestionMapping
        do { mapping = try JSONDecoder().decode(SuggestionMapping.self, from: Data(contentsOf: url)) } catch {
            throw IncidentError.invalidMapping(path: url.path, reason: JSONErrorDescription.describe(error))
        }
        let categories = mapping.foreign.map(\.category) + mapping.textCues.map(\.category)
        for category in categories where scale.category(id: category) == nil {
            throw IncidentError.invalidMapping(path: url.path, reason: "unknown GVS category '\(category)'")
        }
        for rule in mapping.lifecycle where !scale.lifecycleStages.contains(where: { $0.id == rule.stage }) {
            throw IncidentError.invalidMapping(path: url.path, reason: "unknown lifecycle stage '\(rule.stage)'")
        }
        return mapping
    }
}

/// Finds cue words at word starts in text ("bias" matches "biased", not "rabbias"). Works on UTF-8
/// bytes: Foundation's `range(of:)` on Linux converts the string on every call and made importing
/// 100,000 incidents take minutes.
struct CueMatcher: Sendable {
    /// Lower-cased UTF-8 bytes of text (ASCII case folding is what the cues need).
    static func bytes(_ text: String) -> [UInt8] {
        text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
    }

    static func firstMatch(of cues: [String], in text: [UInt8]) -> String? {
        firstMatch(of: cues.map { ($0, Array($0.utf8)) }, in: text, starts: wordStarts(text))
    }

    /// With cue bytes and word starts computed once (per mapping and per text respectively).
    static func firstMatch(of cues: [(text: String, bytes: [UInt8])], in text: [UInt8], starts: [Int]) -> String? {
        for cue in cues where starts.contains(where: { matches(cue.bytes, in: text, at: $0) }) { return cue.text }
        return nil
    }

    static func firstMatch(of cues: [String], in lowercased: String) -> String? {
        firstMatch(of: cues, in: bytes(lowercased))
    }

    /// Offsets where a word begins: start of text or after a byte that is not a letter (bytes
    /// >= 0x80 belong to non-ASCII letters and count as letters). Cues only match there, and
    /// scanning ~50 word starts instead of every byte keeps suggestions cheap at 100,000 incidents.
    static func wordStarts(_ text: [UInt8]) -> [Int] {
        var starts: [Int] = []
        var previousIsLetter = false
        for (i, b) in text.enumerated() {
            let letter = isLetter(b)
            if !previousIsLetter && b != 0x20 && b != 0x0A { starts.append(i) }
            previousIsLetter = letter
        }
        return starts
    }

    private static func matches(_ needle: [UInt8], in haystack: [UInt8], at i: Int) -> Bool {
        guard i + needle.count <= haystack.count else { return false }
        var j = 0
        while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
        return j == needle.count
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 }
}

/// Infers an incident's content modality from text, in the mapping's priority order.
public struct ModalityCues: Sendable {
    public var cues: [SuggestionMapping.ModalityCue]
    public static let builtIn = ModalityCues(cues: SuggestionMapping.builtIn.modalityCues)

    public func infer(_ text: String) -> Modality? {
        let bytes = CueMatcher.bytes(text)
        return cues.first { CueMatcher.firstMatch(of: $0.cues, in: bytes) != nil }?.modality
    }
}
