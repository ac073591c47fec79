import Foundation
import FulcrumCore

/// Everything that defines a run. Stored as JSON with the run, so it must never hold a secret: API keys
/// come from the environment when a model is made and are not part of this type.
public struct RunConfiguration: Codable, Sendable, Hashable {
    /// `starter` or a suite file path.
    public var suite: String
    public var models: [String]
    public var language: LanguageChoice
    /// Specs of Chinese-developed models (asked in Chinese under `language: reference`).
    public var zhModels: [String]
    public var samples: Int
    /// At most this many items (after filtering, in suite order).
    public var limit: Int?
    public var filter: ItemFilter
    public var settings: GenerationSettings
    public var concurrency: Int
    public var perModelConcurrency: Int
    public var timeoutSeconds: Double
    public var retries: Int
    public var useCache: Bool
    /// Base URL override for the models' API, with any user:password and query removed (see `redactedURL`).
    public var baseURL: String?

    public init(suite: String = "starter", models: [String] = [], language: LanguageChoice = .en, zhModels: [String] = [],
                samples: Int = 1, limit: Int? = nil, filter: ItemFilter = ItemFilter(),
                settings: GenerationSettings = GenerationSettings(), concurrency: Int = 8, perModelConcurrency: Int = 4,
                timeoutSeconds: Double = 120, retries: Int = 4, useCache: Bool = true, baseURL: String? = nil) {
        self.suite = suite
        self.models = models
        self.language = language
        self.zhModels = zhModels
        self.samples = samples
        self.limit = limit
        self.filter = filter
        self.settings = settings
        self.concurrency = concurrency
        self.perModelConcurrency = perModelConcurrency
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.useCache = useCache
        self.baseURL = baseURL.map(Self.redactedURL)
    }

    /// Rejects values that would make a run meaningless or hang.
    public func validate() throws {
        func reject(_ setting: RunSetting, _ requirement: String, _ value: some CustomStringConvertible) -> PlanError {
            .outOfRange(setting, requirement: requirement, value: value.description)
        }
        if models.isEmpty { throw PlanError.noModels }
        if samples < 1 { throw reject(.samples, "must be at least 1", samples) }
        if let limit, limit < 1 { throw reject(.limit, "must be at least 1", limit) }
        if concurrency < 1 { throw reject(.concurrency, "must be at least 1", concurrency) }
        if perModelConcurrency < 1 { throw reject(.perModelConcurrency, "must be at least 1", perModelConcurrency) }
        if !(timeoutSeconds > 0) { throw reject(.timeout, "must be positive seconds", timeoutSeconds) }
        if retries < 0 { throw reject(.retries, "must be 0 or more", retries) }
        if let t = settings.temperature, !(0...2).contains(t) { throw reject(.temperature, "must be between 0 and 2", t) }
        if let p = settings.topP, !(0...1).contains(p) { throw reject(.topP, "must be between 0 and 1", p) }
        if let m = settings.maxTokens, m < 1 { throw reject(.maxTokens, "must be at least 1", m) }
        if Set(models).count != models.count { throw PlanError.invalidSetting("a model is given twice: \(models.joined(separator: ", "))") }
    }

    /// What decides the plan and the answers (not how fast they are fetched): equal fingerprints mean
    /// "the same run", which lets the same command resume an unfinished run.
    public func fingerprint(suiteHash: String) -> String {
        var planPart = self
        planPart.concurrency = 0
        planPart.perModelConcurrency = 0
        planPart.timeoutSeconds = 0
        planPart.retries = 0
        planPart.useCache = true
        return SHA256.hex(suiteHash + "\n" + planPart.canonicalJSON)
    }

    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Drops `user:password@` and the query string, where keys sometimes hide, from a URL.
    public static func redactedURL(_ raw: String) -> String {
        guard var parts = URLComponents(string: raw) else { return raw }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? raw
    }
}
