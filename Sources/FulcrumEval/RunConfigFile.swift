import Foundation
import FulcrumCore
import Yams

/// A run configuration file (`--config run.yaml`). Every key is optional; command-line flags override it.
/// ```yaml
/// suite: starter
/// models: [openai/gpt-4o, local/gemma-3-270m]
/// language: reference          # en | zh | both | reference
/// zh_models: [openai/qwen-max] # asked in Chinese under `reference`
/// samples: 1
/// categories: [life-safety]
/// temperature: 0.7
/// top_p: 0.9
/// max_tokens: 2000
/// concurrency: 16
/// ```
/// API keys do not belong here: they are read from the environment (`OPENAI_API_KEY`, …).
public struct RunConfigFile: Codable, Sendable, Hashable {
    public var suite: String?
    public var models: [String]?
    public var language: LanguageChoice?
    public var zh_models: [String]?
    public var samples: Int?
    public var limit: Int?
    public var categories: [String]?
    public var layers: [String]?
    public var modalities: [Modality]?
    public var items: [String]?
    public var temperature: Double?
    public var top_p: Double?
    public var max_tokens: Int?
    public var seed: Int?
    public var system: String?
    public var concurrency: Int?
    public var per_model_concurrency: Int?
    public var timeout: Double?
    public var retries: Int?
    public var cache: Bool?
    public var base_url: String?

    public init() {}

    public static let keys = ["suite", "models", "language", "zh_models", "samples", "limit", "categories", "layers",
                              "modalities", "items", "temperature", "top_p", "max_tokens", "seed", "system", "concurrency",
                              "per_model_concurrency", "timeout", "retries", "cache", "base_url"]

    /// Reads a YAML file; an unknown key (usually a typo) or a wrongly typed value names the file and key.
    public static func load(_ path: String) throws -> RunConfigFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PlanError.config(path: path, problem: "cannot read the file")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw PlanError.config(path: path, problem: "not valid YAML: \(error)")
        }
        guard let node else { return RunConfigFile() }
        guard let mapping = node.mapping else { throw PlanError.config(path: path, problem: "expected a mapping of settings at the top level") }
        for key in mapping.keys {
            let name = key.string ?? "?"
            if !keys.contains(name) {
                throw PlanError.config(path: path, problem: "line \(key.mark?.line ?? 0): unknown key '\(name)' (known keys: \(keys.joined(separator: ", ")))")
            }
        }
        do { return try YAMLDecoder().decode(RunConfigFile.self, from: node) } catch let error as DecodingError {
            throw PlanError.config(path: path, problem: JSONErrorDescription.describe(error))
        } catch {
            throw PlanError.config(path: path, problem: "\(error)")
        }
    }

    /// Applies this file's settings over `base`.
    public func applied(to base: RunConfiguration) -> RunConfiguration {
        var c = base
        if let suite { c.suite = suite }
        if let models { c.models = models }
        if let language { c.language = language }
        if let zh_models { c.zhModels = zh_models }
        if let samples { c.samples = samples }
        if let limit { c.limit = limit }
        if let categories { c.filter.categories = categories }
        if let layers { c.filter.layers = layers }
        if let modalities { c.filter.modalities = modalities }
        if let items { c.filter.itemIDs = items }
        if let temperature { c.settings.temperature = temperature }
        if let top_p { c.settings.topP = top_p }
        if let max_tokens { c.settings.maxTokens = max_tokens }
        if let seed { c.settings.seed = seed }
        if let system { c.settings.systemPrompt = system }
        if let concurrency { c.concurrency = concurrency }
        if let per_model_concurrency { c.perModelConcurrency = per_model_concurrency }
        if let timeout { c.timeoutSeconds = timeout }
        if let retries { c.retries = retries }
        if let cache { c.useCache = cache }
        if let base_url { c.baseURL = RunConfiguration.redactedURL(base_url) }
        return c
    }
}
