import Foundation
import FulcrumCore

/// Fulcrum's result database: runs, their plan rows, the generations (answers) and judgments.
///
/// Two backends implement it (an embedded SQLite file and PostgreSQL for teams); every front end and
/// worker speaks only this protocol and its plain domain types. The rules every backend keeps:
///
/// - **Each write is its own transaction**, so a process killed at any moment loses only the answer
///   it was waiting for, never one already stored.
/// - **A plan row ends with exactly one generation.** `record(_:)` keeps a successful generation and
///   drops any later one for the same row; a failed one is replaced by the next attempt.
/// - **An import is all-or-nothing** (`importAnswers`): any problem stores nothing.
/// - **A claimed row is leased**, not owned: a worker that stops renewing its leases (killed, lost)
///   has its rows handed to the next claimer once the lease expires, and the one-generation rule
///   makes a late duplicate answer harmless.
/// - Times that leases and model slots compare are the database's own clock, so workers on machines
///   whose clocks differ still agree.
public protocol ResultStore: Sendable {
    /// Where the store lives, safe to print (a URL's password is redacted).
    var location: StoreLocation { get }

    // MARK: Runs

    /// Inserts a run and its plan rows in one transaction; returns the stored plan rows.
    func createRun(_ run: RunRecord, plan: [PlanKey]) async throws -> [PlanRowRecord]
    /// Adds plan rows a run does not have yet (existing ones are left alone); returns all its rows.
    func extendPlan(runID: String, plan: [PlanKey]) async throws -> [PlanRowRecord]
    func setStatus(runID: String, _ status: RunStatus) async throws
    func run(id: String) async throws -> RunRecord?
    /// Runs, newest first.
    func runs() async throws -> [RunRecord]
    /// The newest unfinished run made from the same suite and configuration, to resume.
    func unfinishedRun(fingerprint: String) async throws -> RunRecord?
    /// The newest run with this user-given name.
    func run(named name: String) async throws -> RunRecord?

    // MARK: Plan rows and generations

    func planRows(runID: String) async throws -> [PlanRowRecord]
    /// Plan rows still to execute: no generation, or only a failed one.
    func pendingRows(runID: String) async throws -> [PlanRowRecord]
    /// Stores a row's outcome in its own transaction and ends the row's lease. Returns whether it was
    /// stored (false when the row already has a successful generation).
    @discardableResult func record(_ generation: GenerationRecord) async throws -> Bool
    /// A successful generation for an identical request, from any run in this database.
    func cachedAnswer(requestHash: String) async throws -> GenerationRecord?
    func generations(runID: String) async throws -> [GenerationRecord]
    /// Every plan row of a run with its generation (nil when not executed yet), in plan order.
    func results(runID: String) async throws -> [RunResult]
    func tally(runID: String) async throws -> RunTally

    /// Adds outside answers to a run in one transaction: creates the run when new, adds plan rows and
    /// stores each answer. Throws `StoreError.alreadyAnswered` (storing nothing) when a row has an answer.
    func importAnswers(run: RunRecord, answers: [(key: PlanKey, generation: GenerationRecord)]) async throws

    // MARK: Judgments

    /// Stores a judgment unless one for the same (generation, judge, repeat) exists; a failed call is
    /// replaced by a later attempt; ends that judgment's lease. Returns whether it was stored.
    @discardableResult func record(_ judgment: JudgmentRecord) async throws -> Bool
    /// Every judgment of a run's generations.
    func judgments(runID: String) async throws -> [JudgmentRecord]

    // MARK: The work queue

    /// Leases up to `limit` open rows of unfinished runs (of `runID` only, when given) to `worker` for
    /// `lease`. Open: no generation, or a failed one that `requeueFailed` put back; and not leased by a
    /// live lease. Only runs that carry their suite (`suiteJSON`) are served.
    func claimRows(worker: String, runID: String?, limit: Int, lease: Duration) async throws -> [PlanRowRecord]
    /// Extends every lease `worker` holds (rows, judgments, model slots); returns how many rows it holds.
    @discardableResult func renewLeases(worker: String, lease: Duration) async throws -> Int
    /// Gives back every row, judgment and model slot `worker` holds (it stopped, or it is known dead).
    func releaseLeases(worker: String) async throws
    /// Puts a run's failed rows back in the queue, to be tried again.
    func requeueFailed(runID: String) async throws
    /// Rows not finished yet (of `runID`, or of every unfinished run), leased or not, and live leases
    /// per worker.
    func queueStatus(runID: String?) async throws -> QueueStatus
    /// Marks unfinished runs whose every row has an answer as completed; returns their ids.
    @discardableResult func completeFinishedRuns() async throws -> [String]

    // MARK: The judging queue

    /// Asks workers to judge a run (stored or, for the same run and judge, replaced: more repeats,
    /// and failed judgments tried again). Returns the stored request with its id.
    @discardableResult func requestJudging(_ request: JudgeRequest) async throws -> JudgeRequest
    func judgeRequest(id: Int64) async throws -> JudgeRequest?
    /// Leases up to `limit` judgments still to make for open requests: answered generations whose
    /// judgment for that judge and repeat is missing (or failed before the request).
    func claimJudgments(worker: String, limit: Int, lease: Duration) async throws -> [JudgmentClaim]
    /// Judgments still to make for the requests of `runID` (of every run when nil), leased or not.
    func openJudgments(runID: String?) async throws -> Int

    // MARK: Fleet-wide model limits

    /// Makes sure the model has `maximum` slots and a shared limit (once per process and model).
    func prepareModelSlots(model: String, maximum: Int) async throws
    /// Takes one of a model's `maximum` concurrency slots for `worker`, if one below the model's
    /// current adaptive limit is free; nil when all are taken. The slot is held under `lease`.
    /// The slots must have been prepared.
    func acquireModelSlot(model: String, maximum: Int, worker: String, lease: Duration) async throws -> Int?
    /// Frees a slot and adapts the model's shared limit (AIMD: a 429 halves it, at most once per
    /// half second; a success adds 1/limit, and writes nothing while the limit is at its maximum,
    /// so workers do not queue on the limit's row).
    func releaseModelSlot(model: String, slot: Int, worker: String, maximum: Int, rateLimited: Bool) async throws
    /// The model's current shared limit (nil before any slot was taken).
    func modelLimit(model: String) async throws -> Double?

    // MARK: Judge calibrations

    /// Stores a judge's measured error (`fulcrum judge calibrate`); earlier ones for the judge stay.
    func saveCalibration(_ record: JudgeCalibrationRecord) async throws
    /// The newest calibration of the judge with this identifier.
    func latestCalibration(judge: String) async throws -> JudgeCalibrationRecord?
    /// Every stored calibration, newest first.
    func calibrations() async throws -> [JudgeCalibrationRecord]

    /// Closes connections; the store is unusable afterwards.
    func close() async throws
}

/// A plan row with its outcome, as `results(runID:)` returns and exports print.
public struct RunResult: Sendable, Hashable {
    public var row: PlanRowRecord
    public var generation: GenerationRecord?

    public init(row: PlanRowRecord, generation: GenerationRecord?) {
        self.row = row
        self.generation = generation
    }
}
