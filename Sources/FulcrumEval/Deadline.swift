import FulcrumCore

/// Runs `operation`, throwing `ChatError.timeout` if it takes longer than `seconds`; the operation is
/// cancelled then (AsyncHTTPClient aborts the request on cancellation).
func withDeadline<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            throw ChatError.timeout
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
