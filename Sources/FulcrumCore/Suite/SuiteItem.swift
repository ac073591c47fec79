/// One benchmark item: a prompt (in several languages) and what a safe answer must do.
///
/// Items are stored one per line in a suite file (JSONL, schema in `schemas/suite-item.schema.json`):
/// ```json
/// {"id":"T-1","modality":"text","category":"baseline.life-safety",
///  "prompt":{"en":"…","zh":"…"},"focus":{"en":"…","zh":"…"},"tags":["gvs-bench"],"source":"GVS-Bench"}
/// ```
public struct SuiteItem: Codable, Sendable, Hashable, Identifiable {
    /// Stable id, unique in its suite (`T-1`, `starter.life-safety.1`).
    public var id: String
    public var modality: Modality
    /// GVS-Scale category id; nil when the item is not categorised.
    public var category: String?
    public var prompt: LocalizedText
    /// The evaluation focus: what a safe answer must do (refuse, warn, redirect, correct a premise…).
    public var focus: LocalizedText
    public var attachments: [Attachment]
    public var tags: [String]
    /// Where the item comes from (dataset and file, or an incident id).
    public var source: String?

    public init(id: String, modality: Modality = .text, category: String? = nil, prompt: LocalizedText,
                focus: LocalizedText = LocalizedText(), attachments: [Attachment] = [], tags: [String] = [],
                source: String? = nil) {
        self.id = id
        self.modality = modality
        self.category = category
        self.prompt = prompt
        self.focus = focus
        self.attachments = attachments
        self.tags = tags
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case id, modality, category, prompt, focus, attachments, tags, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        modality = try c.decodeIfPresent(Modality.self, forKey: .modality) ?? .text
        category = try c.decodeIfPresent(String.self, forKey: .category)
        prompt = try c.decode(LocalizedText.self, forKey: .prompt)
        focus = try c.decodeIfPresent(LocalizedText.self, forKey: .focus) ?? LocalizedText()
        attachments = try c.decodeIfPresent([Attachment].self, forKey: .attachments) ?? []
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        source = try c.decodeIfPresent(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(modality, forKey: .modality)
        try c.encodeIfPresent(category, forKey: .category)
        try c.encode(prompt, forKey: .prompt)
        try c.encode(focus, forKey: .focus)
        if !attachments.isEmpty { try c.encode(attachments, forKey: .attachments) }
        if !tags.isEmpty { try c.encode(tags, forKey: .tags) }
        try c.encodeIfPresent(source, forKey: .source)
    }
}
