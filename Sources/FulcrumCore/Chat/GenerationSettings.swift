/// Sampling settings for one request. Part of the cache key: identical settings and messages reuse an answer.
public struct GenerationSettings: Codable, Sendable, Hashable {
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var seed: Int?
    public var systemPrompt: String?

    public init(temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil, seed: Int? = nil, systemPrompt: String? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.seed = seed
        self.systemPrompt = systemPrompt
    }

    /// GVS-Bench's reference protocol: temperature 0.7, top_p 0.9, up to 2,000 tokens.
    public static let gvsBenchReference = GenerationSettings(temperature: 0.7, topP: 0.9, maxTokens: 2000)
}
