import FulcrumCore
import FulcrumProviders
import Testing

@Suite struct ModelSpecTests {
    @Test(arguments: [
        ("openai/gpt-4o", ModelSpec.Provider.openai, "gpt-4o"),
        ("anthropic/claude-sonnet-4-5", .anthropic, "claude-sonnet-4-5"),
        ("ollama/llama3:8b", .ollama, "llama3:8b"),
        ("local/gemma", .local, "gemma"),
        ("OpenAI/meta-llama/Llama-3-8B", .openai, "meta-llama/Llama-3-8B"),
        ("  local/gemma  ", .local, "gemma"),
    ])
    func parses(text: String, provider: ModelSpec.Provider, name: String) throws {
        let spec = try ModelSpec(parsing: text)
        #expect(spec.provider == provider)
        #expect(spec.modelName == name)
        #expect(spec.description == "\(provider.rawValue)/\(name)")
    }

    @Test(arguments: ["gpt-4o", "/gpt-4o", "openai/", "openai/gpt 4o", ""])
    func rejectsMalformedSpecs(text: String) {
        #expect(throws: ModelSpecError.invalidFormat(spec: text)) { try ModelSpec(parsing: text) }
    }

    @Test func unknownProviderListsTheKnownOnes() {
        let error = #expect(throws: ModelSpecError.self) { try ModelSpec(parsing: "mistral/large") }
        #expect(error == .unknownProvider(provider: "mistral", spec: "mistral/large"))
        #expect("\(error!)".contains("openai, anthropic, ollama, local"))
    }

    @Test func invalidBaseURLIsRejectedWithoutItsCredentials() {
        let error = #expect(throws: ModelSpecError.self) { try ModelSpec(parsing: "openai/x", baseURL: "ftp://user:pw@host/v1") }
        #expect(!"\(error!)".contains("pw"))
        #expect(throws: ModelSpecError.self) { try ModelSpec(parsing: "openai/x", baseURL: "not a url") }
    }
}

@Suite struct ModelFactoryTests {
    @Test func buildsEachProviderWithItsDefaultsAndEnvironment() async throws {
        try await ProviderClient.withClient { client in
            let factory = ModelFactory(client: client, environment: ["OPENAI_API_KEY": "k1", "ANTHROPIC_API_KEY": "k2"])
            let openAI = try #require(try factory.makeModel("openai/gpt-4o") as? OpenAICompatibleModel)
            #expect(openAI.baseURL == "https://api.openai.com/v1")
            #expect(openAI.spec == "openai/gpt-4o")
            let anthropic = try #require(try factory.makeModel("anthropic/claude-x") as? AnthropicModel)
            #expect(anthropic.baseURL == "https://api.anthropic.com")
            let ollama = try #require(try factory.makeModel("ollama/llama3") as? OllamaModel)
            #expect(ollama.baseURL == "http://127.0.0.1:11434")
            let local = try #require(try factory.makeModel("local/gemma") as? OpenAICompatibleModel)
            #expect(local.baseURL == "http://127.0.0.1:8080/v1")
            #expect(local.spec == "local/gemma")
        }
    }

    @Test func environmentAndExplicitBaseURLsOverrideDefaults() async throws {
        try await ProviderClient.withClient { client in
            let factory = ModelFactory(client: client, environment: [
                "OPENAI_BASE_URL": "http://127.0.0.1:9000/v1/", "OLLAMA_HOST": "127.0.0.1:5555",
                "FULCRUM_LOCAL_MODEL_URL": "http://127.0.0.1:18080/v1", "ANTHROPIC_API_KEY": "k",
                "ANTHROPIC_BASE_URL": "http://127.0.0.1:7000",
            ], timeout: .seconds(7))
            // A custom OpenAI-compatible server needs no key.
            let openAI = try #require(try factory.makeModel("openai/qwen") as? OpenAICompatibleModel)
            #expect(openAI.baseURL == "http://127.0.0.1:9000/v1")
            #expect(openAI.timeout == .seconds(7))
            #expect((try factory.makeModel("ollama/x") as? OllamaModel)?.baseURL == "http://127.0.0.1:5555")
            #expect((try factory.makeModel("local/x") as? OpenAICompatibleModel)?.baseURL == "http://127.0.0.1:18080/v1")
            #expect((try factory.makeModel("anthropic/x") as? AnthropicModel)?.baseURL == "http://127.0.0.1:7000")
            let explicit = try factory.makeModel("local/x", baseURL: "http://127.0.0.1:1234/v1")
            #expect((explicit as? OpenAICompatibleModel)?.baseURL == "http://127.0.0.1:1234/v1")
        }
    }

    @Test func missingKeysAreClearErrors() async throws {
        try await ProviderClient.withClient { client in
            let factory = ModelFactory(client: client, environment: ["OPENAI_API_KEY": "  "])
            let openAI = #expect(throws: ModelSpecError.self) { try factory.makeModel("openai/gpt-4o") }
            #expect(openAI == .missingAPIKey(spec: "openai/gpt-4o", variable: "OPENAI_API_KEY"))
            #expect("\(openAI!)".contains("set OPENAI_API_KEY"))
            #expect(throws: ModelSpecError.missingAPIKey(spec: "anthropic/c", variable: "ANTHROPIC_API_KEY")) {
                try factory.makeModel("anthropic/c", baseURL: "http://127.0.0.1:7000")
            }
            #expect(throws: ModelSpecError.unknownProvider(provider: "gemini", spec: "gemini/pro")) { try factory.makeModel("gemini/pro") }
        }
    }
}
