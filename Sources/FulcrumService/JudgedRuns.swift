import FulcrumCore
import FulcrumEval
import FulcrumReport
import FulcrumStore
import FulcrumSuites

/// Something worth telling the user that does not stop the operation.
public enum ServiceWarning: Sendable, Equatable, CustomStringConvertible {
    /// The run's suite could not be loaded (moved, changed); answers are reported without categories.
    case suiteUnavailable(reason: String)

    public var description: String {
        switch self {
        case .suiteUnavailable(let reason): "\(reason); answers are reported without categories"
        }
    }
}

/// Reads a run's judged answers, the rows every report, comparison and gate is computed from.
public struct JudgedRuns: Sendable {
    public var store: any ResultStore
    public var scale: GVSScale
    /// The suite the runs were made from, when not the one each recorded.
    public var suiteOverride: String?

    public init(store: any ResultStore, scale: GVSScale = .builtIn, suiteOverride: String? = nil) {
        self.store = store
        self.scale = scale
        self.suiteOverride = suiteOverride
    }

    /// The run's scored answers; its suite supplies categories (a suite that cannot be loaded leaves
    /// them out, with a warning). Throws when nothing has been judged yet.
    public func scores(runID: String, warn: (ServiceWarning) -> Void = { _ in }) async throws -> [ScoredAnswer] {
        let record = try await store.existingRun(runID)
        var runSuite: Suite?
        do {
            runSuite = try RunSuite.load(run: record, override: suiteOverride) { try SuiteCatalog.load($0, scale: scale) }
        } catch {
            warn(.suiteUnavailable(reason: "\(error)"))
        }
        let rows = try await RunScores.load(store: store, runID: runID, suite: runSuite)
        if rows.isEmpty { throw ServiceError.noJudgedAnswers(runID: runID) }
        return rows
    }
}
