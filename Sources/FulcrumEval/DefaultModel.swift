import Foundation

/// The model used when none is given: the local llama.cpp server (`scripts/local-model.sh start`), but
/// only when no cloud API key is configured — with a key set, a silent local default would surprise.
public enum DefaultModel {
    public static let localSpec = "local/gemma-3-270m"
    public static let keyVariables = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]

    public static func spec(environment: [String: String]) -> String? {
        keyVariables.contains { !(environment[$0] ?? "").isEmpty } ? nil : localSpec
    }

    /// The model this environment configures, for helper tasks that use one only when it is there
    /// (drafting items from incidents): `FULCRUM_MODEL`, else a small model of the provider whose
    /// key is set (OpenAI first), else nil. The same order as `scripts/quickstart.sh`.
    public static func configured(environment: [String: String]) -> String? {
        func set(_ name: String) -> Bool { !(environment[name] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        if set("FULCRUM_MODEL") { return environment["FULCRUM_MODEL"]!.trimmingCharacters(in: .whitespaces) }
        if set("OPENAI_API_KEY") { return "openai/gpt-4o-mini" }
        if set("ANTHROPIC_API_KEY") { return "anthropic/claude-3-5-haiku-latest" }
        return nil
    }
}
