import FulcrumCore
import FulcrumEval
import FulcrumReport
import FulcrumStore
import FulcrumSuites

/// Something worth telling the user that does not stop the operation.
public enum ServiceWarning: Sendable, Equatable, CustomStringConvertible {
    /// The run's suite could not be loaded (moved, changed); answers are reported without categories.
    case suiteUnavailable(reason: String)
    /// The run holds scores of versions of the built-in judge other than this build's. Beside the
    /// current version's they are left out (they would make a panel of one judge with itself); alone
    /// they are read, uncorrected, since their calibration no longer ships.
    case olderNativeJudge(runID: String, older: [String], current: String, currentJudged: Bool)

    public var description: String {
        switch self {
        case .suiteUnavailable(let reason): "\(reason); answers are reported without categories"
        case .olderNativeJudge(let runID, let older, let current, let currentJudged):
            "run \(runID) was judged by \(older.joined(separator: ", ")), "
                + (currentJudged ? "an older version of the built-in judge, beside the current \(current): only \(current) is read"
                    : "an older version of the built-in judge (now \(current)), whose calibration no longer ships: its unsafe rates are not corrected")
        }
    }
}

/// Reads a run's judged answers, the rows every report, comparison and gate is computed from.
public struct JudgedRuns: Sendable {
    public var store: any ResultStore
    public var scale: GVSScale
    /// The suite the runs were made from, when not the one each recorded.
    public var suiteOverride: String?
    /// Whose scores are read; every judge's by default.
    public var judges: JudgeSelection

    public init(store: any ResultStore, scale: GVSScale = .builtIn, suiteOverride: String? = nil, judges: JudgeSelection = JudgeSelection()) {
        self.store = store
        self.scale = scale
        self.suiteOverride = suiteOverride
        self.judges = judges
    }

    /// The run's scored answers; its suite supplies categories (a suite that cannot be loaded leaves
    /// them out, with a warning). Only the selected judges' scores are read. Throws when nothing has
    /// been judged yet, or a selected judge has not judged the run.
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
        return try judges.select(rows, runID: runID, warn: warn)
    }
}
