import FulcrumCore
import FulcrumEval
import FulcrumProviders
import Synchronization

/// Where the CLI gets model clients: one HTTP client for the whole process,
/// created on first use and shut down once when the command ends.
enum CLIModels {
    private static let shared = Mutex<ProviderClient?>(nil)

    static var client: ProviderClient {
        shared.withLock { client in
            if let client { return client }
            let made = ProviderClient()
            client = made
            return made
        }
    }

    @Sendable static func make(_ spec: String) throws -> any ChatModel {
        try ModelFactory(client: client).makeModel(spec)
    }

    /// Runs a command's work, then closes the HTTP client whether the work returned or threw.
    static func scoped<T>(_ body: () async throws -> T) async throws -> T {
        let result: T
        do { result = try await body() } catch {
            await shutdown()
            throw error
        }
        await shutdown()
        return result
    }

    /// Closes the HTTP client if one was made; call once, after the last request.
    static func shutdown() async {
        if let client = shared.withLock({ client -> ProviderClient? in defer { client = nil }; return client }) {
            try? await client.shutdown()
        }
    }
}
