import FulcrumStore

/// Why an operation of the service layer could not be done, in the domain's words. Every front end
/// shows these; the CLI adds the commands and flags that fix them.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No run with this id in the store at `location` (printed redacted).
    case unknownRun(String, location: String)
    /// The run exists but nothing in it has been judged.
    case noJudgedAnswers(runID: String)
    /// Answers to score named by something that is neither a readable file nor a stored run.
    /// `databaseMissing` when the SQLite file that would hold the run does not exist.
    case neitherFileNorRun(String, location: String, databaseMissing: Bool)
    /// A run with several models, where the operation needs to be told which one.
    case ambiguousModel(runID: String, models: [String])
    /// Two models with no item both answered and got a score for.
    case nothingToCompare(modelA: String, modelB: String)
    /// A GVS-Scale category reference (id, name or id suffix) that matches none.
    case unknownCategory(String)
    /// A gate given neither a minimum score nor a maximum unsafe rate.
    case noGateThreshold
    /// No incident has a human consensus category (or a suggestion, when those count) to draft from.
    case nothingToDraft
    /// A judge asked for by name that scored nothing in the run; `judged` are the ones that did.
    case judgeNotInRun(runID: String, judge: String, judged: [String])
    /// Settings that contradict each other or are out of range.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .unknownRun(let id, let location): "no run '\(id)' in \(location)"
        case .noJudgedAnswers(let runID): "run \(runID) has no judged answers yet"
        case .neitherFileNorRun(let reference, let location, let missing):
            missing ? "'\(reference)' is neither a file nor a run (no result database at \(location))"
                : "'\(reference)' is neither a file nor a run in \(location)"
        case .ambiguousModel(let runID, let models): "run \(runID) has models \(models.joined(separator: ", ")): name the one to use"
        case .nothingToCompare(let a, let b): "no item was answered and scored for both \(a) and \(b)"
        case .unknownCategory(let reference): "unknown category '\(reference)'"
        case .noGateThreshold: "a gate needs a minimum score, a maximum unsafe rate or a maximum corrected unsafe rate"
        case .nothingToDraft: "no coded incidents to draft from"
        case .judgeNotInRun(let runID, let judge, let judged):
            "\(judge) has not judged run \(runID); its judges are \(judged.joined(separator: ", "))"
        case .invalidRequest(let reason): reason
        }
    }
}

extension ResultStore {
    /// The run with this id, or `ServiceError.unknownRun` naming where it was looked for.
    func existingRun(_ id: String) async throws -> RunRecord {
        guard let run = try await run(id: id) else { throw ServiceError.unknownRun(id, location: location.description) }
        return run
    }
}
