import FulcrumCore
import FulcrumProviders
import FulcrumTestSupport
import Foundation
import Testing

/// Every fault the test server can inject comes back from `OpenAICompatibleModel` as the right
/// `ChatError`, with the right retry classification.
@Suite struct FaultMappingTests {
    func model(_ server: FaultServer, _ client: ProviderClient, timeout: Duration = .seconds(10)) throws -> OpenAICompatibleModel {
        try OpenAICompatibleModel(modelName: "test-model", baseURL: server.openAIBaseURL, apiKey: nil, client: client, timeout: timeout)
    }

    @Test func successfulAnswerCarriesTextUsageAndFinishReason() async throws {
        try await withFaultServer { server, client in
            let reply = try await model(server, client).complete(userRequest("three little words"))
            #expect(reply.text == "Echo: three little words")
            #expect(reply.finishReason == "stop")
            #expect(reply.usage == TokenUsage(inputTokens: 3, outputTokens: 4))
        }
    }

    @Test func maxTokensCutsTheAnswerWithLengthFinishReason() async throws {
        try await withFaultServer { server, client in
            let reply = try await model(server, client).complete(userRequest("one two three four five", settings: .init(maxTokens: 2)))
            #expect(reply.text == "Echo: one")
            #expect(reply.finishReason == "length")
        }
    }

    @Test(arguments: [
        ("[[fault:429]]", ChatError.rateLimited(retryAfter: nil)),
        ("[[fault:429-retry-after=1]]", ChatError.rateLimited(retryAfter: 1)),
        ("[[fault:429-retry-after=30]]", ChatError.rateLimited(retryAfter: 30)),
    ])
    func rateLimitsAreRetryableAndCarryRetryAfter(marker: String, expected: ChatError) async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi \(marker)")) }
            #expect(error as? ChatError == expected)
            #expect((error as? ChatError)?.isRetryable == true)
        }
    }

    @Test func retryAfterAsHTTPDateIsConvertedToSeconds() async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:429-retry-date=5]]")) }
            guard case .rateLimited(let after?) = error as? ChatError else {
                Issue.record("expected rate limit with Retry-After, got \(String(describing: error))")
                return
            }
            // The date has whole-second precision, so 5 s ahead reads as 4…5 s.
            #expect(after > 3 && after <= 5)
        }
    }

    @Test(arguments: [500, 502, 503, 529])
    func serverErrorsAreRetryable(status: Int) async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:\(status)]]")) }
            guard case .server(let got, let body) = error as? ChatError else {
                Issue.record("expected server error, got \(String(describing: error))")
                return
            }
            #expect(got == status)
            #expect(body.contains("injected HTTP \(status)"))
            #expect((error as? ChatError)?.isRetryable == true)
        }
    }

    @Test(arguments: [400, 401, 404, 422])
    func clientErrorsAreNotRetryable(status: Int) async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:\(status)]]")) }
            guard case .client(let got, _) = error as? ChatError else {
                Issue.record("expected client error, got \(String(describing: error))")
                return
            }
            #expect(got == status)
            #expect((error as? ChatError)?.isRetryable == false)
        }
    }

    @Test func requestTimeoutStatusIsARetryableTimeout() async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:408]]")) }
            #expect(error as? ChatError == .timeout)
        }
    }

    @Test func malformedJSONIsAMalformedResponse() async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:malformed]]")) }
            guard case .malformedResponse(let why) = error as? ChatError else {
                Issue.record("expected malformed response, got \(String(describing: error))")
                return
            }
            #expect(why.contains("OpenAI"))
            #expect((error as? ChatError)?.isRetryable == true)
        }
    }

    @Test func truncatedBodyIsAMalformedResponse() async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:truncated]]")) }
            guard case .malformedResponse(let why) = error as? ChatError else {
                Issue.record("expected malformed response, got \(String(describing: error))")
                return
            }
            #expect(why.contains("truncated"))
        }
    }

    @Test func droppedConnectionIsAConnectionError() async throws {
        try await withFaultServer { server, client in
            let error = await chatError { try await model(server, client).complete(userRequest("hi [[fault:drop]]")) }
            guard case .connection = error as? ChatError else {
                Issue.record("expected connection error, got \(String(describing: error))")
                return
            }
            #expect((error as? ChatError)?.isRetryable == true)
        }
    }

    @Test func slowAnswerPastTheTimeoutIsATimeout() async throws {
        try await withFaultServer { server, client in
            let started = ContinuousClock.now
            let error = await chatError {
                try await model(server, client, timeout: .milliseconds(500)).complete(userRequest("hi [[fault:slow=5000]]"))
            }
            #expect(error as? ChatError == .timeout)
            // Honoured: the call gave up long before the server's 5 s answer.
            #expect(ContinuousClock.now - started < .seconds(4))
        }
    }

    @Test func bodyStalledPastTheTimeoutIsATimeout() async throws {
        try await withFaultServer { server, client in
            let started = ContinuousClock.now
            let error = await chatError {
                try await model(server, client, timeout: .milliseconds(500)).complete(userRequest("hi [[fault:stall-body=4000]]"))
            }
            #expect(error as? ChatError == .timeout)
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test func bodyStalledWithinTheTimeoutSucceeds() async throws {
        try await withFaultServer { server, client in
            let reply = try await model(server, client).complete(userRequest("hi [[fault:stall-body=200]]"))
            #expect(reply.text == "Echo: hi")
        }
    }

    @Test func slowAnswerWithinTheTimeoutSucceeds() async throws {
        try await withFaultServer { server, client in
            let reply = try await model(server, client, timeout: .seconds(10)).complete(userRequest("hi [[fault:slow=300]]"))
            #expect(reply.text == "Echo: hi")
        }
    }

    @Test func countedFaultFailsOnlyTheFirstAttempts() async throws {
        try await withFaultServer { server, client in
            let prompt = "count me [[fault:500x2]]"
            let model = try model(server, client)
            for _ in 0..<2 {
                let error = await chatError { try await model.complete(userRequest(prompt)) }
                #expect(error as? ChatError == .server(status: 500, body: #"{"error":{"code":null,"message":"injected HTTP 500","type":"server_error"}}"#))
            }
            let reply = try await model.complete(userRequest(prompt))
            #expect(reply.text == "Echo: count me")
            #expect(server.attempts(forPrompt: prompt) == 3)
            #expect(server.chatRequestCount == 3)
        }
    }

    @Test func refusedConnectionIsAConnectionError() async throws {
        // Bind a server to learn a free port, then close it so nothing listens there.
        let server = try await FaultServer.start()
        let url = server.openAIBaseURL
        try await server.shutdown()
        try await ProviderClient.withClient { client in
            let model = try OpenAICompatibleModel(modelName: "m", baseURL: url, apiKey: nil, client: client)
            let error = await chatError { try await model.complete(userRequest("hi")) }
            guard case .connection = error as? ChatError else {
                Issue.record("expected connection error, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func concurrentRequestsAreNotCappedByTheConnectionPool() async throws {
        try await withFaultServer(latency: .milliseconds(300)) { server, client in
            let model = try model(server, client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask { _ = try await model.complete(userRequest("request \(index)")) }
                }
                try await group.waitForAll()
            }
            #expect(server.chatRequestCount == 40)
            // AsyncHTTPClient's default pool would hold this at 8 per host.
            #expect(server.peakConcurrentRequests > 8)
        }
    }
}
