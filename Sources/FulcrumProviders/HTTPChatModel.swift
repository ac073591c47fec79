import FulcrumCore

/// A chat model behind an HTTP API. Its description and mirror show only the public configuration:
/// `print` and `dump` must never reach the key or the HTTP client's internals (which reach every
/// channel of the shared event loops).
public protocol HTTPChatModel: ChatModel, CustomStringConvertible, CustomReflectable {
    var modelName: String { get }
    var baseURL: String { get }
    var timeout: Duration { get }
}

extension HTTPChatModel {
    public var description: String { "\(spec) at \(Endpoint.redacted(baseURL))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["spec": spec, "modelName": modelName, "baseURL": Endpoint.redacted(baseURL), "timeout": timeout],
               displayStyle: .struct)
    }
}
