import Dispatch

/// Order-preserving map over all cores, for the pure per-row work of a large import (JSON parsing,
/// fingerprints, suggestions) that would otherwise leave the second core idle while one thread
/// does everything. Synchronous, so it can run inside a database transaction.
enum ParallelMap {
    /// Below this many items the thread hand-off costs more than it saves.
    static let minimumParallelCount = 2_000

    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        guard items.count >= minimumParallelCount else { return items.map(transform) }
        // A few chunks per core so one slow chunk (a preempted thread on a shared machine) does not
        // hold the others back.
        let chunks = Swift.min(items.count, 16)
        let size = (items.count + chunks - 1) / chunks
        let results = UnsafeMutableBufferPointer<[U]>.allocate(capacity: chunks)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let slots = results
        items.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (chunk * size)..<Swift.min(items.count, (chunk + 1) * size)
                var out: [U] = []
                out.reserveCapacity(range.count)
                for i in range { out.append(transform(input[i])) }
                slots[chunk] = out   // each iteration writes only its own slot
            }
        }
        var merged: [U] = []
        merged.reserveCapacity(items.count)
        for chunk in results { merged += chunk }
        return merged
    }
}
