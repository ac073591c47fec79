import Foundation

/// Order-preserving map over two threads (the machines this runs on have two cores).
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        let results = ParallelResults<R>(items.count)
        DispatchQueue.concurrentPerform(iterations: min(2, max(items.count, 1))) { worker in
            var i = worker
            while i < items.count {
                let r = body(items[i])
                results.set(i, r)
                i += 2
            }
        }
        return results.values.map { $0! }
    }
}

/// Slots filled by the workers of `ParallelMap`, under a lock.
private final class ParallelResults<R>: @unchecked Sendable {
    var values: [R?]
    private let lock = NSLock()
    init(_ n: Int) { values = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ r: R) { lock.lock(); values[i] = r; lock.unlock() }
}
