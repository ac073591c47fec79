import NIOCore
import NIOHTTP1
import NIOPosix

/// A chat server for tests and benchmarks that answers in the OpenAI, Anthropic or Ollama wire
/// format (by path) and injects faults on demand (see `Fault`), on plain SwiftNIO HTTP/1.1.
///
/// ```swift
/// let server = try await FaultServer.start()                    // 127.0.0.1, a free port
/// defer { Task { try await server.shutdown() } }
/// // point an OpenAI-compatible client at server.openAIBaseURL ("http://127.0.0.1:PORT/v1")
/// // send "hello [[fault:500x2]]": the first two attempts get HTTP 500, the third an answer
/// print(server.chatRequestCount, server.receivedRequests.last?.jsonObject ?? [:])
/// ```
/// Answers are `Echo: <last user message without markers>` with word-count usage, cut to the
/// request's max tokens (finish reason `length` / `max_tokens`).
public final class FaultServer: Sendable {
    public struct Configuration: Sendable {
        /// Only loopback makes sense for a test double; the default never listens beyond this machine.
        public var host: String
        /// 0 picks a free port; read `port` after start.
        public var port: Int
        /// Added before every chat answer (and before a `slow` fault's own delay).
        public var latency: Duration

        public init(host: String = "127.0.0.1", port: Int = 0, latency: Duration = .zero) {
            self.host = host
            self.port = port
            self.latency = latency
        }
    }

    public let host: String
    public let port: Int
    private let channel: any Channel
    private let state: FaultServerState

    private init(host: String, port: Int, channel: any Channel, state: FaultServerState) {
        self.host = host
        self.port = port
        self.channel = channel
        self.state = state
    }

    /// Binds and starts serving; returns once the port is bound.
    public static func start(_ configuration: Configuration = Configuration()) async throws -> FaultServer {
        let (seconds, attoseconds) = configuration.latency.components
        let state = FaultServerState(latency: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let id = ObjectIdentifier(channel)
                state.openChannels.withLockedValue { $0[id] = channel }
                channel.closeFuture.whenComplete { _ in _ = state.openChannels.withLockedValue { $0.removeValue(forKey: id) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(FaultHandler(state: state))
                }
            }
        let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw FaultServerError.noPort
        }
        return FaultServer(host: configuration.host, port: port, channel: channel, state: state)
    }

    /// `http://HOST:PORT` — the Anthropic and Ollama base URL.
    public var rootURL: String { "http://\(host):\(port)" }
    /// `http://HOST:PORT/v1` — the OpenAI-compatible base URL.
    public var openAIBaseURL: String { rootURL + "/v1" }

    /// Every HTTP request received (chat or not).
    public var requestCount: Int { state.counters.withLockedValue { $0.requests } }
    /// Chat requests received, including those answered with a fault.
    public var chatRequestCount: Int { state.counters.withLockedValue { $0.chatRequests } }
    /// The most chat requests that were being answered at the same moment.
    public var peakConcurrentRequests: Int { state.counters.withLockedValue { $0.peakInFlight } }
    /// The first 10,000 requests, in arrival order.
    public var receivedRequests: [ReceivedRequest] { state.counters.withLockedValue { $0.recorded } }

    /// How many chat attempts carried exactly this last user message.
    public func attempts(forPrompt prompt: String) -> Int {
        state.counters.withLockedValue { $0.attemptsByPrompt[prompt] ?? 0 }
    }

    /// Lets at most `count` more chat requests be answered (nil: no limit). Later requests wait,
    /// unanswered and connected, until the limit is raised — so a test can stop a client at an
    /// exact point however slow the machine is.
    public func limitAnswers(to count: Int?) {
        state.answerBudget.withLockedValue { $0 = count }
    }

    /// Stops listening and closes open connections.
    public func shutdown() async throws {
        let open = state.openChannels.withLockedValue { Array($0.values) }
        for child in open { try? await child.close() }
        try await channel.close()
    }

    /// Suspends until the listening socket is closed (used by the `fulcrum-test-server` executable).
    public func waitUntilClosed() async throws {
        try await channel.closeFuture.get()
    }
}

public enum FaultServerError: Error, CustomStringConvertible {
    case noPort
    public var description: String { "the fault server bound a socket without a port" }
}
