/// A text given in several languages, e.g. a prompt in English and Chinese.
/// Encodes as a JSON object keyed by language code: `{"en": "…", "zh": "…"}`.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var byLanguage: [Language: String]

    public init(_ byLanguage: [Language: String] = [:]) { self.byLanguage = byLanguage }

    public subscript(language: Language) -> String? {
        get { byLanguage[language] }
        set { byLanguage[language] = newValue }
    }

    /// Languages present, sorted (en before zh).
    public var languages: [Language] { byLanguage.keys.sorted() }
    public var isEmpty: Bool { byLanguage.isEmpty }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: String].self)
        byLanguage = Dictionary(uniqueKeysWithValues: raw.map { (Language(rawValue: $0.key), $0.value) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: byLanguage.map { ($0.key.rawValue, $0.value) }))
    }
}
