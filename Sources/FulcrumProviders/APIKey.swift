import Foundation

/// A provider API key. Its descriptions and reflection are redacted, so printing, dumping or
/// interpolating a model (or this key) can never reveal the secret; only `ProviderClient`
/// reads `value` to put it in a request header.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String

    /// nil for an empty or whitespace-only string, so an exported-but-empty variable counts as missing.
    public init?(_ value: String?) {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        self.value = value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var description: String { "APIKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Removes every occurrence of the key from text that came back from a server (error bodies
    /// sometimes echo the credential that was sent).
    func redact(_ text: String) -> String {
        text.replacingOccurrences(of: value, with: "[redacted]")
    }
}
