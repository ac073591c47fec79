import Foundation
import NIOCore
import NIOHTTP1

/// Handles one connection: collects each request, then answers it (after the configured latency)
/// in the dialect its path names, or injects the fault its last user message asks for.
final class FaultHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: FaultServerState
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(state: FaultServerState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            handle(head: head, body: Array(body.readableBytesView), context: context)
        }
    }

    private func handle(head: HTTPRequestHead, body: [UInt8], context: ChannelHandlerContext) {
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        state.record(ReceivedRequest(method: head.method.rawValue, path: head.uri, headers: headers, body: body))

        if head.method == .GET, head.uri.hasPrefix("/v1/models") {
            send(status: .ok, json: ["object": "list", "data": [["id": "fault-server", "object": "model"]]], head: head, context: context)
            return
        }
        guard head.method == .POST, let dialect = ChatDialect(path: head.uri) else {
            send(status: .notFound, json: ["error": "no route for \(head.method.rawValue) \(head.uri)"], head: head, context: context)
            return
        }
        guard let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            send(status: .badRequest, json: dialect.error(status: 400, message: "request body is not a JSON object"), head: head, context: context)
            return
        }
        let prompt = dialect.prompt(from: json)
        let attempt = state.beginChat(prompt: prompt.lastUserText)
        var fault = Fault.parse(in: prompt.lastUserText)
        if let count = fault?.count, attempt > count { fault = nil }

        var delay = state.latency
        if case .slow(let ms) = fault?.kind { delay = delay + .milliseconds(Int64(ms)) }
        let loop = context.eventLoop.assumeIsolated()
        // Past the answer budget a request waits (re-checked every 20 ms) until the budget grows;
        // one whose client went away meanwhile is dropped without using the budget.
        func respond() {
            guard context.channel.isActive else { return state.endChat() }
            guard state.takeAnswer() else {
                loop.scheduleTask(in: .milliseconds(20), respond)
                return
            }
            // Counted as ended before the answer is written: once the bytes are flushed the client can
            // free its slot and another worker's request can arrive on another event loop, and a count
            // that ended after the write would briefly see both (a peak of cap + 1).
            state.endChat()
            answer(dialect: dialect, prompt: prompt, fault: fault, id: attempt, head: head, context: context)
        }
        if delay > .zero {
            loop.scheduleTask(in: delay, respond)
        } else {
            respond()
        }
    }

    private func answer(dialect: ChatDialect, prompt: ChatDialect.Prompt, fault: Fault?, id: Int,
                        head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        switch fault?.kind {
        case nil, .slow:
            send(status: .ok, json: dialect.answer(to: prompt, id: id), head: head, context: context)
        case .status(let code):
            // Real APIs echo (part of) a rejected credential on 401/403; so does this server, so
            // tests can check that clients scrub keys from the errors they surface.
            var message = "injected HTTP \(code)"
            if code == 401 || code == 403 {
                let credential = head.headers.first(name: "authorization") ?? head.headers.first(name: "x-api-key") ?? "none"
                message += "; rejected credential: \(credential)"
            }
            send(status: HTTPResponseStatus(statusCode: code), json: dialect.error(status: code, message: message),
                 head: head, context: context)
        case .rateLimited(let seconds, let asDate):
            var extra: [(String, String)] = []
            if let seconds {
                let value = asDate ? Self.httpDate(Date().addingTimeInterval(Double(seconds))) : "\(seconds)"
                extra.append(("retry-after", value))
            }
            send(status: .tooManyRequests, json: dialect.error(status: 429, message: "injected rate limit"),
                 head: head, context: context, extraHeaders: extra)
        case .malformed:
            send(status: .ok, bytes: Array(#"{"id": "broken", "choices": [ {"message": oops"#.utf8), head: head, context: context)
        case .truncated:
            let full = Self.encode(dialect.answer(to: prompt, id: id))
            var headers = HTTPHeaders([("content-type", "application/json"), ("content-length", "\(full.count)")])
            headers.add(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
            let half = context.channel.allocator.buffer(bytes: full.prefix(full.count / 2))
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(half))), promise: nil)
            context.close(promise: nil)
        case .stallBody(let ms):
            let full = Self.encode(dialect.answer(to: prompt, id: id))
            let headers = HTTPHeaders([("content-type", "application/json"), ("content-length", "\(full.count)")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
            let half = full.count / 2
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: full.prefix(half))))), promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(ms))) { [self] in
                guard context.channel.isActive else { return }
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: full.dropFirst(half))))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        case .drop:
            context.close(promise: nil)
        }
    }

    private func send(status: HTTPResponseStatus, json: [String: Any], head: HTTPRequestHead,
                      context: ChannelHandlerContext, extraHeaders: [(String, String)] = []) {
        send(status: status, bytes: Self.encode(json), head: head, context: context, extraHeaders: extraHeaders)
    }

    private func send(status: HTTPResponseStatus, bytes: [UInt8], head: HTTPRequestHead,
                      context: ChannelHandlerContext, extraHeaders: [(String, String)] = []) {
        var headers = HTTPHeaders([("content-type", "application/json"), ("content-length", "\(bytes.count)")])
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    static func encode(_ json: [String: Any]) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8))
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
