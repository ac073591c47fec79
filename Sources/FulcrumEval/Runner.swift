import Foundation
import FulcrumCore
import FulcrumStore
import Logging

/// How the runner fetches answers (not what it asks: that is the plan).
public struct RunnerOptions: Sendable, Hashable {
    public var concurrency: Int
    public var perModelConcurrency: Int
    public var timeoutSeconds: Double
    public var retries: Int
    public var useCache: Bool
    public var backoff: Backoff

    public init(concurrency: Int = 8, perModelConcurrency: Int = 4, timeoutSeconds: Double = 120, retries: Int = 4,
                useCache: Bool = true, backoff: Backoff = Backoff()) {
        self.concurrency = concurrency
        self.perModelConcurrency = perModelConcurrency
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.useCache = useCache
        self.backoff = backoff
    }

    public init(_ c: RunConfiguration, backoff: Backoff = Backoff()) {
        self.init(concurrency: c.concurrency, perModelConcurrency: c.perModelConcurrency, timeoutSeconds: c.timeoutSeconds,
                  retries: c.retries, useCache: c.useCache, backoff: backoff)
    }
}

/// Executes plan rows against models with bounded concurrency and stores each outcome as it arrives.
///
/// At most `concurrency` rows are in flight overall, and at most an adaptive number (≤ `perModelConcurrency`)
/// per model. Retryable `ChatError`s are retried with backoff; every row ends with exactly one stored
/// generation, answered or failed with its cause.
/// ```swift
/// let runner = Runner(store: store, models: ["openai/gpt-4o": model], options: RunnerOptions(configuration))
/// try await runner.execute(prepared, progress: RunProgress(total: prepared.pending.count))
/// ```
public struct Runner: Sendable {
    public let store: ResultStore
    public let models: [String: any ChatModel]
    public let options: RunnerOptions
    public let logger: Logger
    private let limiters: [String: AdaptiveLimiter]

    public init(store: ResultStore, models: [String: any ChatModel], options: RunnerOptions,
                logger: Logger = Logger(label: "fulcrum.run")) {
        self.store = store
        self.models = models
        self.options = options
        self.logger = logger
        self.limiters = models.mapValues { _ in AdaptiveLimiter(maximum: options.perModelConcurrency) }
    }

    /// The current adaptive concurrency limit for a model (for tests and diagnostics).
    public func currentLimit(for spec: String) async -> Double? { await limiters[spec]?.limit }

    /// Executes the run's pending rows, then marks the run completed when every row has an answer.
    public func execute(_ run: PreparedRun, progress: RunProgress) async throws {
        let items = Dictionary(run.suite.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let settings = run.configuration.settings
        let baseDirectory = run.suite.baseDirectory
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for row in run.pending {
                if inFlight >= options.concurrency {
                    try await group.next()
                    inFlight -= 1
                }
                group.addTask {
                    try await self.execute(row: row, item: items[row.itemID], settings: settings,
                                           baseDirectory: baseDirectory, progress: progress)
                }
                inFlight += 1
            }
            try await group.waitForAll()
        }
        let tally = try await store.tally(runID: run.record.id)
        if tally.answered == tally.rows { try await store.setStatus(runID: run.record.id, .completed) }
    }

    /// One row from start to stored outcome. Throws only for cancellation or a store failure.
    func execute(row: PlanRowRecord, item: SuiteItem?, settings: GenerationSettings, baseDirectory: String?,
                 progress: RunProgress) async throws {
        let rowID = row.id!
        let started = Date()
        func fail(_ cause: String, _ message: String, hash: String?, messagesJSON: String, attempts: Int) async throws {
            logger.info("row failed", metadata: ["item": "\(row.itemID)", "model": "\(row.modelSpec)", "cause": "\(cause)"])
            try await store.record(GenerationRecord(planRowID: rowID, requestHash: hash, messagesJSON: messagesJSON,
                                                    attempts: attempts, errorCause: cause, errorMessage: message,
                                                    origin: .model, startedAt: started))
            await progress.finished(cause: cause, cached: false, inputTokens: nil, outputTokens: nil)
        }
        guard let item else {
            return try await fail("missing-item", "item \(row.itemID) is not in the suite", hash: nil, messagesJSON: "[]", attempts: 0)
        }
        let built: PromptMessages.Built
        do {
            built = try PromptMessages.build(item: item, language: Language(rawValue: row.language), baseDirectory: baseDirectory)
        } catch {
            return try await fail(error.cause, error.message, hash: nil, messagesJSON: "[]", attempts: 0)
        }
        let messagesJSON = PromptMessages.json(built.stored)
        let request = ChatRequest(messages: built.messages, settings: settings)
        let hash = RequestHash.of(modelSpec: row.modelSpec, request: request, sampleIndex: row.sampleIndex)

        if options.useCache, let cached = try await store.cachedAnswer(requestHash: hash) {
            try await store.record(GenerationRecord(
                planRowID: rowID, requestHash: hash, messagesJSON: messagesJSON, responseText: cached.responseText,
                finishReason: cached.finishReason, inputTokens: cached.inputTokens, outputTokens: cached.outputTokens,
                latencyMs: cached.latencyMs, attempts: 0, origin: .cache, startedAt: started))
            await progress.finished(cause: nil, cached: true, inputTokens: cached.inputTokens, outputTokens: cached.outputTokens)
            return
        }
        guard let model = models[row.modelSpec], let limiter = limiters[row.modelSpec] else {
            return try await fail("configuration", "no model client for \(row.modelSpec)", hash: hash, messagesJSON: messagesJSON, attempts: 0)
        }

        var attempt = 0
        while true {
            guard await limiter.acquire() else { throw CancellationError() }
            await progress.callMade()
            let callStart = ContinuousClock.now
            let error: ChatError
            do {
                let response = try await withDeadline(seconds: options.timeoutSeconds) { try await model.complete(request) }
                await limiter.release(rateLimited: false)
                let latency = ContinuousClock.now - callStart
                try await store.record(GenerationRecord(
                    planRowID: rowID, requestHash: hash, messagesJSON: messagesJSON, responseText: response.text,
                    finishReason: response.finishReason, inputTokens: response.usage.inputTokens,
                    outputTokens: response.usage.outputTokens,
                    latencyMs: Int(latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000),
                    attempts: attempt + 1, origin: .model, startedAt: started))
                await progress.finished(cause: nil, cached: false, inputTokens: response.usage.inputTokens,
                                        outputTokens: response.usage.outputTokens)
                return
            } catch let chatError as ChatError {
                error = chatError
            } catch {
                await limiter.release(rateLimited: false)
                if error is CancellationError || Task.isCancelled { throw error }
                return try await fail("unexpected", String(describing: error), hash: hash, messagesJSON: messagesJSON,
                                      attempts: attempt + 1)
            }
            var isRateLimit = false
            if case .rateLimited = error { isRateLimit = true }
            await limiter.release(rateLimited: isRateLimit)
            guard error.isRetryable, attempt < options.retries else {
                return try await fail(error.cause, error.description, hash: hash, messagesJSON: messagesJSON, attempts: attempt + 1)
            }
            let delay = options.backoff.delay(afterAttempt: attempt, error: error)
            logger.debug("retrying", metadata: ["item": "\(row.itemID)", "model": "\(row.modelSpec)",
                                                "cause": "\(error.cause)", "delay": "\(delay)"])
            await progress.retried()
            try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            attempt += 1
        }
    }
}
