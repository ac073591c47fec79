import FulcrumStore
import PostgresNIO

/// Database errors in words a user can act on. PSQLError's own description hides everything (to
/// avoid leaking data); the server's message and SQLSTATE are safe to show and never hold the password.
enum PostgresFailure {
    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        guard let error = error as? PSQLError else { return String(describing: type(of: error)) }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed:
            return "cannot reach the server (\(error.code))" + (error.underlying.map { ": \(type(of: $0)) \(String(describing: $0).prefix(200))" } ?? "")
        default:
            return "\(error.code)"
        }
    }

    static func storeError(_ error: any Error) -> any Error {
        if error is StoreError || error is CancellationError { return error }
        return StoreError.database(describe(error))
    }
}
