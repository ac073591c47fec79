/// Why the result store refused an operation, in the domain's words (front ends add their own hints).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(location: String, reason: String)
    case invalidLocation(String)
    case unknownRun(String)
    /// A request the store cannot carry out as asked.
    case invalidRequest(String)
    /// An import row targets a plan row that already has an answer.
    case alreadyAnswered(runID: String, key: PlanKey)
    /// The database answered with an error; `reason` never holds a password.
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let location, let reason): "cannot open the result database \(location): \(reason)"
        case .invalidLocation(let reason): reason
        case .unknownRun(let id): "no run '\(id)' in this database"
        case .invalidRequest(let reason): reason
        case .alreadyAnswered(let runID, let key):
            "run \(runID) already has an answer for item \(key.itemID), model \(key.modelSpec), language \(key.language), sample \(key.sampleIndex)"
        case .database(let reason): "the result database failed: \(reason)"
        }
    }
}
