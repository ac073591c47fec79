import Foundation

/// Base-URL handling shared by the providers: validation, joining API paths, and a form safe to
/// show in errors and logs (no user-info credentials, no query string).
enum Endpoint {
    /// Checks that `base` is an absolute http(s) URL with a host, and drops a trailing slash.
    static func validated(_ base: String) -> String? {
        let trimmed = base.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        var result = trimmed
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }

    static func join(_ base: String, _ path: String) -> String {
        base + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// `scheme://host:port/path` only: user-info (which may hold a password) and query are removed.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(invalid URL)" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "(invalid URL)"
    }
}
