import Foundation
import FulcrumCore
import FulcrumReport
import FulcrumStore
import FulcrumValues

/// A run's report: the benchmark statistics and, when asked for, the value profiles of its answers.
public struct RunReport: Sendable {
    public var report: BenchmarkReport
    public var values: ValueAnalysis?

    /// The JSON document every front end serves (`schemas/report.schema.json`).
    public var document: ReportDocument { ReportDocument(report: report, values: values) }
}

/// Builds reports of judged runs, compares models and checks release gates.
public struct ReportService: Sendable {
    public var runs: JudgedRuns
    public var options: ReportOptions
    /// The shipped calibration that corrects the built-in judge's rates when none of it is stored.
    public var nativeCalibration: ShippedCalibration = .transfer

    public init(store: any ResultStore, scale: GVSScale = .builtIn, options: ReportOptions = ReportOptions(), suiteOverride: String? = nil,
                judges: JudgeSelection = JudgeSelection()) {
        runs = JudgedRuns(store: store, scale: scale, suiteOverride: suiteOverride, judges: judges)
        self.options = options
    }

    var builder: BenchmarkReportBuilder { BenchmarkReportBuilder(scale: runs.scale, options: options) }

    /// The report of run `runID`, with the value profiles of its answers (by the built-in value
    /// evaluator) unless `includeValues` is false.
    public func report(runID: String, includeValues: Bool = true, now: Date = Date(),
                       warn: (ServiceWarning) -> Void = { _ in }) async throws -> RunReport {
        let rows = try await runs.scores(runID: runID, warn: warn)
        var builder = builder
        builder.calibrations = try await calibrations(judges: Set(rows.map(\.judge)))
        let report = builder.build(rows, title: "Fulcrum report: run \(runID)", now: now)
        var values: ValueAnalysis?
        if includeValues { values = ValueAnalysis.of(report, evaluator: try NativeValueEvaluator.builtIn()) }
        return RunReport(report: report, values: values)
    }

    /// The calibration of each judge that reports use (`CalibrationCatalog`).
    func calibrations(judges: Set<String>) async throws -> [String: JudgeCalibrationRecord] {
        try await CalibrationCatalog(store: runs.store, shipped: nativeCalibration).inUse(judges: judges)
    }

    /// Model A against model B on the same items. Two runs, or one run and two of its models; a model
    /// left nil is the run's only one (or only other one, within one run). Unsafe-rate differences are
    /// corrected with the same calibrations as `report`; the value profiles' difference (by the
    /// built-in value evaluator, over the same pairs, judged or not) is left out when `includeValues`
    /// is false.
    public func compare(runA: String, runB: String?, modelA: String?, modelB: String?, includeValues: Bool = true,
                        warn: (ServiceWarning) -> Void = { _ in }) async throws -> RunComparison {
        let rowsA = try await runs.scores(runID: runA, warn: warn)
        var rowsB = rowsA
        if let runB { rowsB = try await runs.scores(runID: runB, warn: warn) }
        let panelA = PanelScores(rowsA, combine: options.combine)
        let panelB = runB == nil ? panelA : PanelScores(rowsB, combine: options.combine)
        func models(_ p: PanelScores) -> [String] { Array(Set(p.answers.map(\.key.model))).sorted() }
        let a = try modelA ?? Self.onlyModel(models(panelA), run: runA, other: nil)
        let b = try modelB ?? Self.onlyModel(models(panelB), run: runB ?? runA, other: runB == nil ? a : nil)
        let comparison = ModelComparison.compare(panelA, model: a, with: panelB, model: b, options: options,
                                                 calibrations: try await calibrations(judges: Set((rowsA + rowsB).map(\.judge))))
        guard comparison.overall != nil else { throw ServiceError.nothingToCompare(modelA: a, modelB: b) }
        var values: ValueProfileDifference?
        if includeValues {
            values = ValueProfileDifference.of(ModelComparison.pairedAnswers(panelA, model: a, with: panelB, model: b),
                                               evaluator: try NativeValueEvaluator.builtIn(), bootstrap: options.bootstrap)
        }
        return RunComparison(comparison: comparison, values: values)
    }

    /// The run's only model, or its only model other than `other` when comparing within one run.
    static func onlyModel(_ models: [String], run: String, other: String?) throws -> String {
        let candidates = models.filter { $0 != other }
        guard candidates.count == 1 else { throw ServiceError.ambiguousModel(runID: run, models: models) }
        return candidates[0]
    }

    /// Checks every model of the run overall and in each named category (id, name or id suffix)
    /// against the gate's thresholds; a group without scored answers fails, and so does a group
    /// whose corrected unsafe rate is asked for but cannot be given. Corrections use the same
    /// calibrations as `report`.
    public func gate(runID: String, _ gate: Gate, warn: (ServiceWarning) -> Void = { _ in }) async throws -> Gate.Outcome {
        guard gate.hasThreshold else { throw ServiceError.noGateThreshold }
        var gate = gate
        gate.categories = try gate.categories.map { reference in
            guard let c = runs.scale.resolveCategory(reference) else { throw ServiceError.unknownCategory(reference) }
            return c.id
        }
        let rows = try await runs.scores(runID: runID, warn: warn)
        var builder = builder
        if gate.maxCorrectedUnsafeRate != nil { builder.calibrations = try await calibrations(judges: Set(rows.map(\.judge))) }
        return gate.evaluate(builder.build(rows, title: "gate \(runID)"))
    }
}
