import Foundation

/// Where a result store lives: an SQLite file, or a PostgreSQL database given by URL.
///
/// `description` never shows a password: a URL prints as `postgres://user:***@host:5432/db`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public static let defaultPath = ".fulcrum/fulcrum.sqlite"
    /// The environment variable that names the database when `--db` is not given.
    public static let environmentVariable = "FULCRUM_DATABASE_URL"

    /// A `postgres://` or `postgresql://` URL, else a file path.
    public init(parsing text: String) throws {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(try PostgresURL(parsing: text))
        } else if text.isEmpty {
            throw StoreError.invalidLocation("the database location is empty")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// `given` when set, else `FULCRUM_DATABASE_URL`, else the default SQLite file.
    public static func resolve(_ given: String?, environment: [String: String]) throws -> StoreLocation {
        if let given { return try StoreLocation(parsing: given) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return try StoreLocation(parsing: fromEnvironment)
        }
        return .sqlite(path: defaultPath)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.redacted
        }
    }
}

/// The parts of a PostgreSQL connection URL: `postgres://user:password@host:port/database?sslmode=…`.
public struct PostgresURL: Sendable, Hashable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// `disable`, `prefer` (the default) or `require`.
    public var sslMode: String

    public init(parsing text: String) throws {
        // URLComponents does not know the scheme's default port; it parses the rest.
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw StoreError.invalidLocation("not a PostgreSQL URL: \(Self.redact(text)) (expected postgres://user:password@host:port/database)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.invalidLocation("the PostgreSQL URL names no user: \(Self.redact(text))")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw StoreError.invalidLocation("the PostgreSQL URL names no database: \(Self.redact(text))")
        }
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(mode) else {
            throw StoreError.invalidLocation("unknown sslmode '\(mode)' in the PostgreSQL URL")
        }
        self.sslMode = mode
    }

    /// The URL with its password replaced by `***`.
    public var redacted: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }

    /// Best effort for text that did not parse: hide whatever sits between `://user:` and `@`.
    static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
