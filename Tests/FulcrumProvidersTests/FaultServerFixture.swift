import FulcrumCore
import FulcrumProviders
import FulcrumTestSupport
import Foundation

/// Runs `body` with a fresh fault server and provider client, shutting both down afterwards.
func withFaultServer<R: Sendable>(
    latency: Duration = .zero,
    _ body: (FaultServer, ProviderClient) async throws -> R
) async throws -> R {
    let server = try await FaultServer.start(.init(latency: latency))
    do {
        let result = try await ProviderClient.withClient { client in try await body(server, client) }
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

/// The error a call threw, or nil when it succeeded.
func chatError(_ operation: () async throws -> ChatResponse) async -> (any Error)? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}

func userRequest(_ text: String, settings: GenerationSettings = GenerationSettings()) -> ChatRequest {
    ChatRequest(messages: [ChatMessage(role: .user, text: text)], settings: settings)
}

/// A small valid PNG header-like payload: the bytes only need to round-trip through base64.
let sampleImage = ChatAttachment(mediaType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10])
