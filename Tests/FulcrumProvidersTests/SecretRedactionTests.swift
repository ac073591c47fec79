import FulcrumCore
import FulcrumProviders
import FulcrumTestSupport
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

/// API keys never appear in errors, descriptions, dumps, specs or logs — even when the server
/// echoes the rejected key back in its error body (the test server does, like real APIs do).
@Suite struct SecretRedactionTests {
    static let openAIKey = "sk-SECRET-openai-0123456789"
    static let anthropicKey = "sk-ant-SECRET-0123456789"

    @Test func echoedKeyIsScrubbedFromErrorsAndNeverInDescriptionsOrLogs() async throws {
        let lines = LogLines()
        var logger = Logger(label: "redaction-test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .trace
        let server = try await FaultServer.start()
        try await ProviderClient.withClient(logger: logger) { client in
            let factory = ModelFactory(client: client, environment: [
                "OPENAI_API_KEY": Self.openAIKey, "ANTHROPIC_API_KEY": Self.anthropicKey,
            ])
            let openAI = try factory.makeModel("openai/gpt-test", baseURL: server.openAIBaseURL)
            let anthropic = try factory.makeModel("anthropic/claude-test", baseURL: server.rootURL)
            var texts: [String] = []
            for model in [openAI, anthropic] {
                let error = await chatError { try await model.complete(userRequest("hi [[fault:401]]")) }
                let chat = try #require(error as? ChatError)
                guard case .client(401, let body) = chat else {
                    Issue.record("expected 401, got \(chat)")
                    continue
                }
                #expect(body.contains("rejected credential"), "the server did echo something")
                #expect(body.contains("[redacted]"))
                texts += ["\(chat)", String(reflecting: chat), body, model.spec, "\(model)", String(reflecting: model)]
                var dumped = ""
                dump(model, to: &dumped)
                texts.append(dumped)
                _ = try await model.complete(userRequest("a successful call is logged too"))
            }
            texts += lines.all
            #expect(!lines.all.isEmpty, "the provider logged something to check")
            for text in texts {
                #expect(!text.contains(Self.openAIKey) && !text.contains(Self.anthropicKey), "key leaked in: \(text)")
            }
            // The keys really were sent, so the checks above could have failed.
            let sent = server.receivedRequests.map { $0.headers["authorization"] ?? $0.headers["x-api-key"] ?? "" }
            #expect(sent.contains("Bearer \(Self.openAIKey)"))
            #expect(sent.contains(Self.anthropicKey))
        }
        try await server.shutdown()
    }

    @Test func missingKeyErrorNamesTheVariableNotAValue() async throws {
        try await ProviderClient.withClient { client in
            let factory = ModelFactory(client: client, environment: ["OPENAI_API_KEY": Self.openAIKey])
            #expect(throws: ModelSpecError.missingAPIKey(spec: "anthropic/claude-x", variable: "ANTHROPIC_API_KEY")) {
                try factory.makeModel("anthropic/claude-x")
            }
        }
    }
}

final class LogLines: Sendable {
    private let box = NIOLockedValueBox([String]())
    func append(_ line: String) { box.withLockedValue { $0.append(line) } }
    var all: [String] { box.withLockedValue { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append("\(event.level) \(event.message) \(merged) \(event.error.map { "\($0)" } ?? "")")
    }
}
