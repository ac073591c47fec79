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
            let v = value.trimmingCharacters(in: .whitespaces).lowercased()
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

/// Finds cue words at word starts in text ("bias" matches "biased", not "rabbias").
struct CueMatcher: Sendable {
    static func firstMatch(of cues: [String], in lowercased: String) -> String? {
        for cue in cues {
            var searchRange = lowercased.startIndex..<lowercased.endIndex
            while let range = lowercased.range(of: cue, range: searchRange) {
                if range.lowerBound == lowercased.startIndex
                    || !lowercased[lowercased.index(before: range.lowerBound)].isLetter {
                    return cue
                }
                searchRange = range.upperBound..<lowercased.endIndex
            }
        }
        return nil
    }
}

/// Infers an incident's content modality from text, in the mapping's priority order.
public struct ModalityCues: Sendable {
    public var cues: [SuggestionMapping.ModalityCue]
    public static let builtIn = ModalityCues(cues: SuggestionMapping.builtIn.modalityCues)

    public func infer(_ text: String) -> Modality? {
        let lower = text.lowercased()
        return cues.first { CueMatcher.firstMatch(of: $0.cues, in: lower) != nil }?.modality
    }
}
