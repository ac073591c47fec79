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
/// 100,000 incidents take minutes. Cues come in groups (one per category) and are indexed by first
/// byte in flat arrays, so one pass over a text's word starts answers every group, comparing each
/// start only with the few cues that can begin there.
struct CueMatcher: Sendable {
    private let groups: [[String]]
    /// All cues' bytes back to back; cue `k` is `bytes[starts[k]..<ends[k]]`, in group `group[k]`
    /// at position `order[k]` of its list. Cues are sorted by first byte: those starting with byte
    /// `b` are `firstByteStart[b]..<firstByteStart[b + 1]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    private let ends: [Int]
    private let group: [Int]
    private let order: [Int]
    private let firstByteStart: [Int]

    init(groups: [[String]]) {
        self.groups = groups
        let cues = groups.enumerated().flatMap { g, cues in cues.enumerated().map { (g, $0, Array($1.utf8)) } }
            .filter { !$0.2.isEmpty }
            .sorted { ($0.2[0], $0.0, $0.1) < ($1.2[0], $1.0, $1.1) }
        var bytes: [UInt8] = [], starts: [Int] = [], ends: [Int] = []
        var firstByteStart = [Int](repeating: cues.count, count: 257)
        for (k, cue) in cues.enumerated().reversed() { firstByteStart[Int(cue.2[0])] = k }
        for b in stride(from: 255, through: 0, by: -1) { firstByteStart[b] = min(firstByteStart[b], firstByteStart[b + 1]) }
        for cue in cues {
            starts.append(bytes.count)
            bytes += cue.2
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
        group = cues.map(\.0)
        order = cues.map(\.1)
        self.firstByteStart = firstByteStart
    }

    /// For each group, the earliest cue in its list order that occurs at a word start of `text`
    /// (lower-cased bytes from `CueMatcher.bytes`, with `wordStarts` from `CueMatcher.wordStarts`).
    func firstMatches(in text: [UInt8], wordStarts: [Int]) -> [String?] {
        var best = [Int](repeating: Int.max, count: groups.count)
        for position in wordStarts {
            let b = Int(text[position])
            for k in firstByteStart[b]..<firstByteStart[b + 1] where order[k] < best[group[k]] {
                let length = ends[k] - starts[k]
                guard position + length <= text.count else { continue }
                var j = 1   // the first byte matched by construction
                while j < length && text[position + j] == bytes[starts[k] + j] { j += 1 }
                if j == length { best[group[k]] = order[k] }
            }
        }
        return best.enumerated().map { g, i in i == Int.max ? nil : groups[g][i] }
    }

    /// Lower-cased UTF-8 bytes of text (ASCII case folding is what the cues need).
    static func bytes(_ text: String) -> [UInt8] {
        text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
    }

    static func firstMatch(of cues: [String], in lowercased: String) -> String? {
        let text = bytes(lowercased)
        return CueMatcher(groups: [cues]).firstMatches(in: text, wordStarts: wordStarts(text))[0]
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

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 }
}

/// Infers an incident's content modality from text, in the mapping's priority order.
public struct ModalityCues: Sendable {
    public let cues: [SuggestionMapping.ModalityCue]
    private let matcher: CueMatcher
    public static let builtIn = ModalityCues(cues: SuggestionMapping.builtIn.modalityCues)

    public init(cues: [SuggestionMapping.ModalityCue]) {
        self.cues = cues
        matcher = CueMatcher(groups: cues.map(\.cues))
    }

    public func infer(_ text: String) -> Modality? {
        let bytes = CueMatcher.bytes(text)
        let starts = CueMatcher.wordStarts(bytes)
        let found = matcher.firstMatches(in: bytes, wordStarts: starts)
        return zip(cues, found).first { $0.1 != nil }?.0.modality
    }
}
