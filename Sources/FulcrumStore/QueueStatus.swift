/// Where the work queue stands: what is left, and who is working on it.
public struct QueueStatus: Sendable, Hashable, Codable {
    /// Rows without a final outcome (no generation, or a failed one put back), leased or not.
    public var openRows: Int
    /// Rows under a live lease, per worker id.
    public var leasedByWorker: [String: Int]

    public init(openRows: Int, leasedByWorker: [String: Int]) {
        self.openRows = openRows
        self.leasedByWorker = leasedByWorker
    }
}

extension Duration {
    /// Whole and fractional seconds, as the stores' lease arithmetic takes them.
    package var storeSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
