import Foundation
import FulcrumStore
#if canImport(Glibc)
import Glibc
#endif

/// Who holds a lease: `host:pid:nonce`. The host and pid let a claimer on the same machine tell a
/// dead holder from a slow one and take its rows back at once instead of waiting out the lease.
public struct WorkerIdentity: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var pid: Int32
    public var nonce: String

    public static func current() -> WorkerIdentity {
        WorkerIdentity(host: ProcessInfo.processInfo.hostName, pid: getpid(),
                       nonce: String(format: "%06x", UInt32.random(in: 0..<(1 << 24))))
    }

    public init(host: String, pid: Int32, nonce: String) {
        self.host = host
        self.pid = pid
        self.nonce = nonce
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return nil }
        self.init(host: parts.dropLast(2).joined(separator: ":"), pid: pid, nonce: String(parts[parts.count - 1]))
    }

    public var description: String { "\(host):\(pid):\(nonce)" }

    /// True when this identity names a process on this machine that no longer exists.
    public var isDeadLocalProcess: Bool {
        guard host == ProcessInfo.processInfo.hostName, pid != getpid() else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }

    /// Frees the leases of the queue's holders that died on this machine; returns their ids.
    @discardableResult
    public static func releaseDeadLocalHolders(of status: QueueStatus, in store: any ResultStore) async throws -> [String] {
        var released: [String] = []
        for holder in status.leasedByWorker.keys.sorted() {
            guard let identity = WorkerIdentity(parsing: holder), identity.isDeadLocalProcess else { continue }
            try await store.releaseLeases(worker: holder)
            released.append(holder)
        }
        return released
    }
}
