import Foundation

/// One request as the fault server received it, so tests can check exactly what a client sent.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    /// The body parsed as a JSON object, or nil.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
