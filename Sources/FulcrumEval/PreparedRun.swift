import Foundation
import FulcrumCore
import FulcrumStore

/// A run ready to execute: stored with its plan, and the rows still to do.
public struct PreparedRun: Sendable {
    public var record: RunRecord
    public var configuration: RunConfiguration
    public var suite: Suite
    public var plan: RunPlan
    /// Rows without an answer yet (never run, or failed before).
    public var pending: [PlanRowRecord]
    public var totalRows: Int
    /// True when an existing run is continued rather than a new one created.
    public var resumed: Bool

    /// Creates a run, or continues one: `resumeRunID` when given, else an unfinished run made from the
    /// same suite and configuration (so re-running a killed command picks up where it stopped).
    ///
    /// On resume the stored configuration decides what is asked; `configuration`'s concurrency, timeout,
    /// retries and cache switch still decide how.
    public static func prepare(configuration: RunConfiguration, store: any ResultStore, scale: GVSScale = .builtIn,
                               resumeRunID: String? = nil,
                               loadSuite: (String) throws -> Suite) async throws -> PreparedRun {
        var configuration = configuration
        var existing: RunRecord?
        if let resumeRunID {
            guard let run = try await store.run(id: resumeRunID) else { throw StoreError.unknownRun(resumeRunID) }
            var stored = try JSONDecoder().decode(RunConfiguration.self, from: Data(run.configJSON.utf8))
            stored.concurrency = configuration.concurrency
            stored.perModelConcurrency = configuration.perModelConcurrency
            stored.timeoutSeconds = configuration.timeoutSeconds
            stored.retries = configuration.retries
            stored.useCache = configuration.useCache
            configuration = stored
            existing = run
        }
        try configuration.validate()
        let suite = try loadSuite(configuration.suite)
        let suiteHash = suite.contentHash
        let plan = try RunPlan.make(suite: suite, configuration: configuration, scale: scale)
        let fingerprint = configuration.fingerprint(suiteHash: suiteHash)
        if existing == nil { existing = try await store.unfinishedRun(fingerprint: fingerprint) }

        let record: RunRecord
        let rows: [PlanRowRecord]
        if let existing {
            guard existing.suiteHash == suiteHash else { throw PlanError.suiteChanged(runID: existing.id, suite: configuration.suite) }
            record = existing
            // Idempotent: only rows a killed process had not stored yet are added; failed rows are tried again.
            rows = try await store.extendPlan(runID: existing.id, plan: plan.keys)
            try await store.requeueFailed(runID: existing.id)
        } else {
            var stored = configuration
            stored.baseURL = stored.baseURL.map(RunConfiguration.redactedURL)
            record = RunRecord(suiteName: suite.name, suiteHash: suiteHash, configJSON: stored.canonicalJSON, fingerprint: fingerprint,
                               suiteJSON: StoredSuite(suite).json)
            rows = try await store.createRun(record, plan: plan.keys)
        }
        let pending = try await store.pendingRows(runID: record.id)
        return PreparedRun(record: record, configuration: configuration, suite: suite, plan: plan, pending: pending,
                           totalRows: rows.count, resumed: existing != nil)
    }
}
