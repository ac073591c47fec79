import Foundation
import FulcrumCore
import FulcrumStore
import Logging

/// Executes one plan row from start to stored outcome: builds the prompt, reuses an identical stored
/// answer when allowed, else calls the model through its gate with retries, and stores exactly one
/// generation (answered, or failed with its cause).
struct RowExecutor: Sendable {
    let store: any ResultStore
    let options: RunnerOptions
    let logger: Logger

    /// Throws only for cancellation or a store failure.
    func execute(row: PlanRowRecord, context: RunContext, progress: RunProgress) async throws {
        let rowID = row.id!
        let started = Date()
        func fail(_ cause: String, _ message: String, hash: String?, messagesJSON: String, attempts: Int) async throws {
            logger.info("row failed", metadata: ["item": "\(row.itemID)", "model": "\(row.modelSpec)", "cause": "\(cause)"])
            try await store.record(GenerationRecord(planRowID: rowID, requestHash: hash, messagesJSON: messagesJSON,
                                                    attempts: attempts, errorCause: cause, errorMessage: message,
                                                    origin: .model, startedAt: started))
            await progress.finished(cause: cause, cached: false, inputTokens: nil, outputTokens: nil)
        }
        guard let item = context.items[row.itemID] else {
            return try await fail("missing-item", "item \(row.itemID) is not in the suite", hash: nil, messagesJSON: "[]", attempts: 0)
        }
        let built: PromptMessages.Built
        do {
            built = try PromptMessages.build(item: item, language: Language(rawValue: row.language), baseDirectory: context.baseDirectory)
        } catch {
            return try await fail(error.cause, error.message, hash: nil, messagesJSON: "[]", attempts: 0)
        }
        let messagesJSON = PromptMessages.json(built.stored)
        let request = ChatRequest(messages: built.messages, settings: context.settings)
        let hash = RequestHash.of(modelSpec: row.modelSpec, request: request, sampleIndex: row.sampleIndex)

        if options.useCache, let cached = try await store.cachedAnswer(requestHash: hash) {
            try await store.record(GenerationRecord(
                planRowID: rowID, requestHash: hash, messagesJSON: messagesJSON, responseText: cached.responseText,
                finishReason: cached.finishReason, inputTokens: cached.inputTokens, outputTokens: cached.outputTokens,
                latencyMs: cached.latencyMs, attempts: 0, origin: .cache, startedAt: started))
            await progress.finished(cause: nil, cached: true, inputTokens: cached.inputTokens, outputTokens: cached.outputTokens)
            return
        }
        guard let model = context.models[row.modelSpec], let gate = context.gates[row.modelSpec] else {
            return try await fail("configuration", "no model client for \(row.modelSpec)", hash: hash, messagesJSON: messagesJSON, attempts: 0)
        }

        var attempt = 0
        while true {
            guard let pass = try await gate.acquire() else { throw CancellationError() }
            await progress.callMade()
            let callStart = ContinuousClock.now
            let error: ChatError
            do {
                let response = try await withDeadline(seconds: options.timeoutSeconds) { try await model.complete(request) }
                await gate.release(pass, rateLimited: false)
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
                await gate.release(pass, rateLimited: false)
                if error is CancellationError || Task.isCancelled { throw error }
                return try await fail("unexpected", String(describing: error), hash: hash, messagesJSON: messagesJSON,
                                      attempts: attempt + 1)
            }
            var isRateLimit = false
            if case .rateLimited = error { isRateLimit = true }
            await gate.release(pass, rateLimited: isRateLimit)
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
