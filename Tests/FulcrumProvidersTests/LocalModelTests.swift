import FulcrumCore
import FulcrumProviders
import Foundation
import Testing

/// Against the real local model (`scripts/local-model.sh start`: Gemma 3 270M on llama-cpp-python's
/// OpenAI-compatible server). Runs when FULCRUM_LOCAL_MODEL_URL is set, e.g.
/// `FULCRUM_LOCAL_MODEL_URL=http://127.0.0.1:8080/v1`; `.ci/run` sets it.
@Suite(.enabled(if: LocalModelEnvironment.isConfigured, LocalModelEnvironment.skipReason))
struct LocalModelTests {

    @Test func openAICompatibleCompletionReturnsTextUsageAndFinishReason() async throws {
        try await ProviderClient.withClient { client in
            // Through the factory, as the runner builds it: `local/NAME` reads FULCRUM_LOCAL_MODEL_URL.
            let model = try ModelFactory(client: client, timeout: .seconds(600)).makeModel("local/gemma-3-270m")
            // The model writes ~25 tokens/s on this machine: keep answers short.
            let settings = GenerationSettings(temperature: 0, maxTokens: 12, seed: 7, systemPrompt: "Answer in one short sentence.")
            let reply = try await model.complete(ChatRequest(messages: [ChatMessage(role: .user, text: "What colour is the sky on a clear day?")], settings: settings))
            #expect(!reply.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect((reply.usage.inputTokens ?? 0) > 5, "the prompt has more than five tokens")
            let output = try #require(reply.usage.outputTokens)
            #expect(output > 0 && output <= 12, "max_tokens was honoured")
            #expect(["stop", "length"].contains(reply.finishReason ?? ""))
        }
    }

    /// llama-cpp-python's Gemma format would drop a system message: the prompt must grow by the
    /// system prompt's tokens, so it reached the model.
    @Test func systemPromptReachesTheModel() async throws {
        try await ProviderClient.withClient { client in
            let model = try ModelFactory(client: client, timeout: .seconds(600)).makeModel("local/gemma-3-270m")
            let question = [ChatMessage(role: .user, text: "Name a colour.")]
            let plain = try await model.complete(ChatRequest(messages: question, settings: GenerationSettings(temperature: 0, maxTokens: 1)))
            let system = "You are a careful assistant. Always answer with a single word and nothing else."
            let withSystem = try await model.complete(ChatRequest(messages: question, settings: GenerationSettings(
                temperature: 0, maxTokens: 1, systemPrompt: system)))
            let added = try #require(withSystem.usage.inputTokens) - (try #require(plain.usage.inputTokens))
            #expect(added >= 10, "the system prompt's ~15 tokens were sent (got \(added) more)")
        }
    }

    @Test func maxTokensLimitEndsWithLength() async throws {
        try await ProviderClient.withClient { client in
            let model = try ModelFactory(client: client, timeout: .seconds(600)).makeModel("local/gemma-3-270m")
            let settings = GenerationSettings(temperature: 0, maxTokens: 3)
            let reply = try await model.complete(ChatRequest(messages: [ChatMessage(role: .user, text: "Count from one to twenty in words.")], settings: settings))
            #expect(reply.finishReason == "length")
            #expect(reply.usage.outputTokens == 3)
        }
    }
}

enum LocalModelEnvironment {
    static var isConfigured: Bool {
        let configured = !(ProcessInfo.processInfo.environment["FULCRUM_LOCAL_MODEL_URL"] ?? "").isEmpty
        // In CI the tests run (and fail) without the server: they are never silently skipped there.
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        if !configured { print("LocalModelTests skipped: \(skipReason)") }
        return configured
    }

    static let skipReason: Comment = "FULCRUM_LOCAL_MODEL_URL is not set; run scripts/local-model.sh start and set it to http://127.0.0.1:8080/v1 to run the real-model tests"
}
