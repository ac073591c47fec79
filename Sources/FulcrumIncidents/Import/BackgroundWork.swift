import Dispatch

/// Work started on another thread now and collected later, so a synchronous caller (an import
/// inside its database transaction) can overlap pure computation with its writes.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the worker before `done` is left, read only after waiting on it.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.done.leave()
        }
    }

    /// Waits for the work to finish.
    var value: Value {
        done.wait()
        return result!
    }
}
