import FulcrumCore
import FulcrumProviders
import FulcrumTestSupport
import Foundation
import Testing

/// What each provider puts on the wire, checked on the request the test server received, and how
/// each decodes its API's answer. Anthropic and Ollama have no real server on this machine, so the
/// test server speaks their formats (by path) instead.
@Suite struct WireEncodingTests {
    let settings = GenerationSettings(temperature: 0.7, topP: 0.9, maxTokens: 50, seed: 42, systemPrompt: "Be brief.")
    var imageRequest: ChatRequest {
        ChatRequest(messages: [ChatMessage(role: .user, text: "What is in the picture?", attachments: [sampleImage])], settings: settings)
    }
    var base64Image: String { Data(sampleImage.data).base64EncodedString() }

    @Test func openAIRequestCarriesSettingsSystemPromptImageAndBearerKey() async throws {
        try await withFaultServer { server, client in
            let model = try OpenAICompatibleModel(modelName: "gpt-test", baseURL: server.openAIBaseURL,
                                                  apiKey: APIKey("sk-wire-test"), client: client)
            let reply = try await model.complete(imageRequest)
            #expect(reply.text == "Echo: What is in the picture?")

            let received = try #require(server.receivedRequests.last)
            #expect(received.path == "/v1/chat/completions")
            #expect(received.headers["authorization"] == "Bearer sk-wire-test")
            let json = try #require(received.jsonObject)
            #expect(json["model"] as? String == "gpt-test")
            #expect(json["temperature"] as? Double == 0.7)
            #expect(json["top_p"] as? Double == 0.9)
            #expect(json["max_tokens"] as? Int == 50)
            #expect(json["max_completion_tokens"] == nil)
            #expect(json["seed"] as? Int == 42)
            #expect(json["stream"] as? Bool == false)
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 2)
            #expect(messages[0]["role"] as? String == "system")
            #expect(messages[0]["content"] as? String == "Be brief.")
            #expect(messages[1]["role"] as? String == "user")
            let parts = try #require(messages[1]["content"] as? [[String: Any]])
            #expect(parts.count == 2)
            #expect(parts[0]["type"] as? String == "text")
            #expect(parts[0]["text"] as? String == "What is in the picture?")
            #expect(parts[1]["type"] as? String == "image_url")
            #expect((parts[1]["image_url"] as? [String: Any])?["url"] as? String == "data:image/png;base64,\(base64Image)")
        }
    }

    @Test func openAITextOnlyMessageIsAPlainStringAndUnsetSettingsAreOmitted() async throws {
        try await withFaultServer { server, client in
            let model = try OpenAICompatibleModel(modelName: "m", baseURL: server.openAIBaseURL, apiKey: nil, client: client)
            _ = try await model.complete(userRequest("plain"))
            let received = try #require(server.receivedRequests.last)
            #expect(received.headers["authorization"] == nil)
            let json = try #require(received.jsonObject)
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 1)
            #expect(messages[0]["content"] as? String == "plain")
            for key in ["temperature", "top_p", "max_tokens", "seed", "response_format"] { #expect(json[key] == nil, "\(key) should be omitted") }
        }
    }

    /// A reply shape goes out as OpenAI structured outputs (strict, no length limits: strict mode
    /// rejects them) for `openai/`, and as llama.cpp's json_object + schema for `local/`.
    @Test func replyShapeIsSentInEachServersDialect() async throws {
        let shape = JSONReplyShape(name: "incident_draft", fields: ["prompt", "focus"], maxLength: 600)
        var request = userRequest("draft")
        request.replyShape = shape
        try await withFaultServer { server, client in
            let factory = ModelFactory(client: client, environment: [:])
            _ = try await factory.makeModel("openai/gpt-test", baseURL: server.openAIBaseURL).complete(request)
            let openAI = try #require(server.receivedRequests.last?.jsonObject?["response_format"] as? [String: Any])
            #expect(openAI["type"] as? String == "json_schema")
            let named = try #require(openAI["json_schema"] as? [String: Any])
            #expect(named["name"] as? String == "incident_draft")
            #expect(named["strict"] as? Bool == true)
            let strictSchema = try #require(named["schema"] as? [String: Any])
            #expect(strictSchema["required"] as? [String] == ["prompt", "focus"])
            #expect(strictSchema["additionalProperties"] as? Bool == false)
            #expect((strictSchema["properties"] as? [String: [String: Any]])?["prompt"]?["maxLength"] == nil)

            _ = try await factory.makeModel("local/gemma", baseURL: server.openAIBaseURL).complete(request)
            let local = try #require(server.receivedRequests.last?.jsonObject?["response_format"] as? [String: Any])
            #expect(local["type"] as? String == "json_object")
            #expect(local["json_schema"] == nil)
            let schema = try #require(local["schema"] as? [String: Any])
            #expect(schema["type"] as? String == "object")
            let properties = try #require(schema["properties"] as? [String: [String: Any]])
            #expect(Set(properties.keys) == ["prompt", "focus"])
            #expect(properties["focus"]?["type"] as? String == "string")
            #expect(properties["focus"]?["maxLength"] as? Int == 600)

            _ = try await OllamaModel(modelName: "llama3", client: client, baseURL: server.rootURL).complete(request)
            let format = try #require(server.receivedRequests.last?.jsonObject?["format"] as? [String: Any])
            #expect(format["required"] as? [String] == ["prompt", "focus"])
        }
    }

    /// llama-cpp-python's Gemma format drops system messages, so for `local/` the system text
    /// (settings and system-role messages) leads the first user turn; `openai/` keeps it apart.
    @Test func llamaCppDialectPutsTheSystemPromptInTheFirstUserTurn() async throws {
        let request = ChatRequest(messages: [
            ChatMessage(role: .system, text: "Answer in French."),
            ChatMessage(role: .user, text: "Hello?"),
            ChatMessage(role: .assistant, text: "Bonjour."),
            ChatMessage(role: .user, text: "And goodbye?"),
        ], settings: GenerationSettings(systemPrompt: "Be brief."))
        try await withFaultServer { server, client in
            let factory = ModelFactory(client: client, environment: [:])
            _ = try await factory.makeModel("local/gemma", baseURL: server.openAIBaseURL).complete(request)
            let local = try #require(server.receivedRequests.last?.jsonObject?["messages"] as? [[String: Any]])
            #expect(local.map { $0["role"] as? String } == ["user", "assistant", "user"])
            #expect(local[0]["content"] as? String == "Be brief.\n\nAnswer in French.\n\nHello?")
            #expect(local[2]["content"] as? String == "And goodbye?")

            _ = try await factory.makeModel("openai/gpt-test", baseURL: server.openAIBaseURL).complete(request)
            let openAI = try #require(server.receivedRequests.last?.jsonObject?["messages"] as? [[String: Any]])
            #expect(openAI.map { $0["role"] as? String } == ["system", "system", "user", "assistant", "user"])
            #expect(openAI[0]["content"] as? String == "Be brief.")

            // A system prompt with no user turn still reaches the model.
            let alone = ChatRequest(messages: [], settings: GenerationSettings(systemPrompt: "Say hi."))
            _ = try? await factory.makeModel("local/gemma", baseURL: server.openAIBaseURL).complete(alone)
            let only = try #require(server.receivedRequests.last?.jsonObject?["messages"] as? [[String: Any]])
            #expect(only.map { $0["role"] as? String } == ["user"])
            #expect(only.first?["content"] as? String == "Say hi.")
        }
    }

    @Test func anthropicRequestUsesMessagesAPIShape() async throws {
        try await withFaultServer { server, client in
            let model = try AnthropicModel(modelName: "claude-test", apiKey: try #require(APIKey("sk-ant-wire")),
                                           client: client, baseURL: server.rootURL)
            let conversation = ChatRequest(messages: [
                ChatMessage(role: .system, text: "Answer in English."),
                ChatMessage(role: .user, text: "What is in the picture?", attachments: [sampleImage]),
            ], settings: settings)
            let reply = try await model.complete(conversation)
            #expect(reply.text == "Echo: What is in the picture?")
            #expect(reply.finishReason == "end_turn")
            #expect(reply.usage.outputTokens == 6)
            #expect((reply.usage.inputTokens ?? 0) > 0)

            let received = try #require(server.receivedRequests.last)
            #expect(received.path == "/v1/messages")
            #expect(received.headers["x-api-key"] == "sk-ant-wire")
            #expect(received.headers["anthropic-version"] == AnthropicModel.apiVersion)
            #expect(received.headers["authorization"] == nil)
            let json = try #require(received.jsonObject)
            #expect(json["model"] as? String == "claude-test")
            #expect(json["max_tokens"] as? Int == 50)
            #expect(json["temperature"] as? Double == 0.7)
            #expect(json["top_p"] as? Double == 0.9)
            #expect(json["seed"] == nil, "the Messages API has no seed")
            #expect(json["system"] as? String == "Be brief.\n\nAnswer in English.")
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 1, "system messages move to the top-level field")
            let blocks = try #require(messages[0]["content"] as? [[String: Any]])
            #expect(blocks.count == 2)
            #expect(blocks[0]["type"] as? String == "image")
            let source = try #require(blocks[0]["source"] as? [String: Any])
            #expect(source["type"] as? String == "base64")
            #expect(source["media_type"] as? String == "image/png")
            #expect(source["data"] as? String == base64Image)
            #expect(blocks[1]["type"] as? String == "text")
            #expect(blocks[1]["text"] as? String == "What is in the picture?")
        }
    }

    @Test func anthropicDefaultsMaxTokensAndReportsItsStopReason() async throws {
        try await withFaultServer { server, client in
            let model = try AnthropicModel(modelName: "c", apiKey: try #require(APIKey("k")), client: client, baseURL: server.rootURL)
            _ = try await model.complete(userRequest("x"))
            #expect(server.receivedRequests.last?.jsonObject?["max_tokens"] as? Int == 4096)
            let cut = try await model.complete(userRequest("a b c d", settings: .init(maxTokens: 2)))
            #expect(cut.finishReason == "max_tokens")
        }
    }

    @Test func anthropicErrorsMapToChatErrors() async throws {
        try await withFaultServer { server, client in
            let model = try AnthropicModel(modelName: "c", apiKey: try #require(APIKey("k")), client: client, baseURL: server.rootURL)
            #expect(await chatError { try await model.complete(userRequest("[[fault:429-retry-after=2]]")) } as? ChatError == .rateLimited(retryAfter: 2))
            guard case .server(529, let body) = await chatError({ try await model.complete(userRequest("[[fault:529]]")) }) as? ChatError else {
                Issue.record("expected overloaded 529 as a server error")
                return
            }
            #expect(body.contains("api_error"))
            guard case .malformedResponse = await chatError({ try await model.complete(userRequest("[[fault:malformed]]")) }) as? ChatError else {
                Issue.record("expected a malformed response")
                return
            }
        }
    }

    @Test func ollamaRequestUsesNativeChatShape() async throws {
        try await withFaultServer { server, client in
            let model = try OllamaModel(modelName: "llama3", client: client, baseURL: server.rootURL)
            let reply = try await model.complete(imageRequest)
            #expect(reply.text == "Echo: What is in the picture?")
            #expect(reply.finishReason == "stop")
            #expect(reply.usage.outputTokens == 6)
            #expect((reply.usage.inputTokens ?? 0) > 0)

            let received = try #require(server.receivedRequests.last)
            #expect(received.path == "/api/chat")
            let json = try #require(received.jsonObject)
            #expect(json["model"] as? String == "llama3")
            #expect(json["stream"] as? Bool == false)
            let options = try #require(json["options"] as? [String: Any])
            #expect(options["temperature"] as? Double == 0.7)
            #expect(options["top_p"] as? Double == 0.9)
            #expect(options["num_predict"] as? Int == 50)
            #expect(options["seed"] as? Int == 42)
            let messages = try #require(json["messages"] as? [[String: Any]])
            #expect(messages.count == 2)
            #expect(messages[0]["role"] as? String == "system")
            #expect(messages[0]["content"] as? String == "Be brief.")
            #expect(messages[1]["content"] as? String == "What is in the picture?")
            #expect(messages[1]["images"] as? [String] == [base64Image])
        }
    }

    @Test func ollamaErrorsMapToChatErrors() async throws {
        try await withFaultServer { server, client in
            let model = try OllamaModel(modelName: "m", client: client, baseURL: server.rootURL)
            let impatient = try OllamaModel(modelName: "m", client: client, baseURL: server.rootURL, timeout: .milliseconds(400))
            #expect(await chatError { try await model.complete(userRequest("[[fault:404]]")) } as? ChatError
                    == .client(status: 404, body: #"{"error":"injected HTTP 404"}"#))
            #expect(await chatError { try await impatient.complete(userRequest("[[fault:slow=3000]]")) } as? ChatError == .timeout)
            guard case .malformedResponse = await chatError({ try await model.complete(userRequest("[[fault:truncated]]")) }) as? ChatError else {
                Issue.record("expected a malformed (truncated) response")
                return
            }
        }
    }
}
