import AsyncHTTPClient
import FulcrumCore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The one HTTP client a process shares between all its models (connection pooling, one event
/// loop group). Create it once, pass it to `ModelFactory` or the model initialisers, and shut it
/// down once at the end — `withClient` does both and also shuts down when the body throws, so no
/// connection or thread outlives the work (AsyncHTTPClient traps in debug builds if a client is
/// released without `shutdown()`).
///
/// ```swift
/// try await ProviderClient.withClient { client in
///     let model = try ModelFactory(client: client).makeModel("local/gemma")
///     _ = try await model.complete(ChatRequest(messages: [.init(role: .user, text: "Hi")]))
/// }
/// ```
public final class ProviderClient: Sendable, CustomReflectable {
    /// How many HTTP/1.1 connections may be open to one host at once. AsyncHTTPClient's default
    /// (8) would cap a runner at 8 concurrent requests per provider, so the default here is 64.
    public static let defaultMaximumConnectionsPerHost = 64

    /// Response bodies larger than this are refused (a chat completion is a few KB).
    static let maximumResponseBytes = 16 * 1024 * 1024

    let http: HTTPClient
    let logger: Logger

    public init(maximumConnectionsPerHost: Int = ProviderClient.defaultMaximumConnectionsPerHost,
                logger: Logger = Logger(label: "fulcrum.providers")) {
        var configuration = HTTPClient.Configuration()
        // Never follow redirects: a redirect to another host would carry the API key header along.
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maximumConnectionsPerHost))
        // Fail a refused connection at once instead of re-dialling until the connect timeout:
        // the runner owns retries (with backoff) and must see the failure to count it.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.logger = logger
    }

    /// Hides the HTTP client's internals from `dump`/reflection (they reach every channel of the
    /// shared event loops, including request headers in flight).
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }

    /// Closes pooled connections. Call exactly once, after the last request has finished.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Runs `body` with a fresh client and shuts the client down afterwards, whether `body`
    /// returned or threw.
    public static func withClient<Result: Sendable>(
        maximumConnectionsPerHost: Int = ProviderClient.defaultMaximumConnectionsPerHost,
        logger: Logger = Logger(label: "fulcrum.providers"),
        _ body: (ProviderClient) async throws -> Result
    ) async throws -> Result {
        let client = ProviderClient(maximumConnectionsPerHost: maximumConnectionsPerHost, logger: logger)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    /// A raw HTTP answer with any status; the model types turn it into a `ChatResponse` or `ChatError`.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// POSTs JSON and reads the whole body within `timeout`. Transport failures come back as
    /// `ChatError` (timeout, connection, truncated body as malformed response); HTTP statuses are
    /// left to the caller. Cancellation of the calling task is rethrown as `CancellationError`.
    func postJSON(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration,
                  spec: String) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))

        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let started = ContinuousClock.now
        let reply = try await Self.within(timeout) { [http, logger, request] in
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, deadline: deadline, logger: logger)
            } catch {
                throw Self.transportError(error, phase: .beforeResponse, url: url)
            }
            let bytes: ByteBuffer
            do {
                bytes = try await response.body.collect(upTo: Self.maximumResponseBytes)
            } catch {
                throw Self.transportError(error, phase: .readingBody, url: url)
            }
            return Reply(status: Int(response.status.code), headers: response.headers, body: bytes)
        }
        logger.debug("chat request finished", metadata: [
            "model": "\(spec)", "status": "\(reply.status)",
            "ms": "\((ContinuousClock.now - started).milliseconds)",
        ])
        return reply
    }

    /// Runs `operation` but gives up with `ChatError.timeout` after `timeout`. AsyncHTTPClient's
    /// own deadline stops waiting for the response head only; a body that stalls halfway would
    /// otherwise hang the call, so the whole exchange runs against this clock too.
    static func within<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw ChatError.timeout }
            return value
        }
    }

    enum Phase { case beforeResponse, readingBody }

    /// Classifies a transport error. A failure after the response head arrived means the body was
    /// cut short, which callers see as a malformed (truncated) response, not a connection problem.
    static func transportError(_ error: any Error, phase: Phase, url: String) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if let chat = error as? ChatError { return chat }
        if error is NIOTooManyBytesError {
            return ChatError.malformedResponse("response body larger than \(maximumResponseBytes / 1024 / 1024) MB")
        }
        let endpoint = Endpoint.redacted(url)
        if let http = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .writeTimeout].contains(http) { return ChatError.timeout }
            if http == .cancelled { return CancellationError() }
            if http == .connectTimeout || http == .tlsHandshakeTimeout {
                return ChatError.connection("timed out connecting to \(endpoint)")
            }
            if http == .alreadyShutdown {
                return ChatError.configuration("the HTTP client was already shut down; keep ProviderClient alive until every request has finished")
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(http) || "\(http)".contains("unsupportedScheme") {
                return ChatError.configuration("invalid URL \(endpoint)")
            }
        }
        if phase == .readingBody {
            return ChatError.malformedResponse("response body truncated: the connection ended early (\(error))")
        }
        if let http = error as? HTTPClientError, http == .remoteConnectionClosed {
            return ChatError.connection("\(endpoint) closed the connection without answering")
        }
        return ChatError.connection("\(endpoint): \(error)")
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
