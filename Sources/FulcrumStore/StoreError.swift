/// Why the result store refused an operation, with what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case unknownRun(String)
    /// An import row targets a plan row that already has an answer.
    case alreadyAnswered(runID: String, key: PlanKey)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the result database \(path): \(reason) (choose another file with --db PATH)"
        case .unknownRun(let id): "no run '\(id)' in this database (see `fulcrum runs list`)"
        case .alreadyAnswered(let runID, let key):
            "run \(runID) already has an answer for item \(key.itemID), model \(key.modelSpec), language \(key.language), sample \(key.sampleIndex)"
        }
    }
}
