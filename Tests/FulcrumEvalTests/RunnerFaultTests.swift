import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumProviders
import FulcrumSQLiteStore
import FulcrumStore
import FulcrumSuites
import FulcrumTestSupport
import Testing

/// A suite whose prompts carry fault markers for the fault server.
func faultSuite(_ prompts: [(id: String, text: String)]) -> Suite {
    Suite(name: "faults", items: prompts.map { SuiteItem(id: $0.id, prompt: LocalizedText([.en: $0.text])) })
}

/// Runs `suite` through the real runner, OpenAI-compatible client and store against `server`.
func runAgainst(_ server: FaultServer, suite: Suite, store: ResultStore, resume: String? = nil,
                change: (inout RunConfiguration) -> Void = { _ in }) async throws -> (PreparedRun, ProgressSnapshot) {
    var c = RunConfiguration(suite: suite.name, models: ["openai/fault-model"], baseURL: server.openAIBaseURL)
    c.retries = 2
    change(&c)
    let run = try await PreparedRun.prepare(configuration: c, store: store, resumeRunID: resume, loadSuite: { _ in suite })
    let progress = RunProgress(total: run.pending.count)
    let configuration = run.configuration
    try await ProviderClient.withClient { client in
        let factory = ModelFactory(client: client, environment: ["OPENAI_API_KEY": "sk-test-not-a-real-key"],
                                   timeout: .seconds(30))
        let model = try factory.makeModel("openai/fault-model", baseURL: server.openAIBaseURL)
        let runner = Runner(store: store, models: [model.spec: model],
                            options: RunnerOptions(configuration, backoff: Backoff(baseSeconds: 0.02, capSeconds: 0.1)))
        try await runner.execute(run, progress: progress)
    }
    return (run, await progress.snapshot())
}

@Suite(.serialized) struct RunnerFaultTests {
    @Test func everyRowIsAnsweredOrFailedWithItsCause() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        // (prompt, expected cause or nil for answered, expected attempts)
        let cases: [(String, String?, Int)] = [
            ("plain question", nil, 1),
            ("rate limited twice [[fault:429x2]]", nil, 3),
            ("rate limited with retry-after [[fault:429-retry-after=1x1]]", nil, 2),
            ("rate limited always [[fault:429]]", "rate-limited", 3),
            ("server error twice [[fault:500x2]]", nil, 3),
            ("server error always [[fault:503]]", "server-error", 3),
            ("not authorised [[fault:401]]", "client-error", 1),
            ("malformed json [[fault:malformed]]", "malformed-response", 3),
            ("truncated body [[fault:truncated]]", "malformed-response", 3),
            ("slow past the timeout [[fault:slow=9000]]", "timeout", 3),
            ("dropped once [[fault:dropx1]]", nil, 2),
            ("dropped always [[fault:drop]]", "connection", 3),
        ]
        let suite = faultSuite(cases.enumerated().map { ("f\($0.offset)", $0.element.0) })
        let store = try SQLiteResultStore(path: temporaryStorePath())
        let started = ContinuousClock.now
        let (run, progress) = try await runAgainst(server, suite: suite, store: store) { $0.timeoutSeconds = 3 }
        let elapsed = ContinuousClock.now - started
        let results = try await store.results(runID: run.record.id)
        #expect(results.count == cases.count)
        for (index, (prompt, cause, attempts)) in cases.enumerated() {
            let g = try #require(results.first { $0.row.itemID == "f\(index)" }?.generation, "row for \(prompt)")
            #expect(g.errorCause == cause, "\(prompt): \(g.errorMessage ?? "answered")")
            #expect(g.attempts == attempts, "\(prompt)")
            #expect(server.attempts(forPrompt: prompt) == attempts, "\(prompt): server saw the same attempts")
            if cause == nil {
                #expect(g.responseText?.contains("Echo:") == true)
                #expect((g.outputTokens ?? 0) > 0 && g.latencyMs != nil)
            } else {
                #expect(g.errorMessage?.isEmpty == false)
            }
        }
        #expect(progress.failed == cases.filter { $0.1 != nil }.count)
        #expect(progress.calls == cases.map(\.2).reduce(0, +))
        // Retry-After=1 was honoured: the run cannot have finished sooner.
        #expect(elapsed >= .seconds(1))
        #expect(try await store.run(id: run.record.id)?.status == .unfinished)
    }

    @Test func secondInvocationMakesZeroCallsAndResumeOnlyRedoesWhatFailed() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let suite = try SuiteCatalog.starter()
        let store = try SQLiteResultStore(path: temporaryStorePath())
        let (first, _) = try await runAgainst(server, suite: suite, store: store) { $0.limit = 8; $0.language = .both }
        #expect(server.chatRequestCount == 16)
        #expect(try await store.run(id: first.record.id)?.status == .completed)

        // Same command again: the run is complete, so a new run is made and served from the cache.
        let (second, progress) = try await runAgainst(server, suite: suite, store: store) { $0.limit = 8; $0.language = .both }
        #expect(second.record.id != first.record.id)
        #expect(server.chatRequestCount == 16)
        #expect(progress.cacheHits == 16 && progress.calls == 0)
        let reused = try await store.generations(runID: second.record.id)
        #expect(reused.count == 16 && reused.allSatisfy { $0.origin == .cache && $0.responseText != nil })

        // --no-cache calls again.
        _ = try await runAgainst(server, suite: suite, store: store) { $0.limit = 2; $0.useCache = false }
        #expect(server.chatRequestCount == 18)

        // A run with a failing row: resuming re-executes that row only.
        let flaky = faultSuite([("ok-1", "fine one"), ("ok-2", "fine two"), ("bad", "fails three times [[fault:500x3]]")])
        let (broken, _) = try await runAgainst(server, suite: flaky, store: store) { $0.retries = 0 }
        let before = server.chatRequestCount
        #expect(try await store.pendingRows(runID: broken.record.id).map(\.itemID) == ["bad"])
        let (resumed, resumedProgress) = try await runAgainst(server, suite: flaky, store: store, resume: broken.record.id) { $0.retries = 3 }
        #expect(resumed.resumed && resumed.record.id == broken.record.id)
        #expect(server.chatRequestCount == before + 3)
        #expect(resumedProgress.done == 1)
        #expect(try await store.generations(runID: broken.record.id).count == 3)
        #expect(try await store.run(id: broken.record.id)?.status == .completed)
    }

    @Test func adaptiveConcurrencyShrinksUnderRateLimiting() async throws {
        let server = try await FaultServer.start(.init(latency: .milliseconds(20)))
        defer { Task { try await server.shutdown() } }
        let suite = faultSuite((0..<24).map { ("r\($0)", "always limited \($0) [[fault:429]]") })
        let store = try SQLiteResultStore(path: temporaryStorePath())
        var c = RunConfiguration(suite: suite.name, models: ["openai/fault-model"], baseURL: server.openAIBaseURL)
        c.retries = 1
        c.concurrency = 16
        c.perModelConcurrency = 16
        let run = try await PreparedRun.prepare(configuration: c, store: store, loadSuite: { _ in suite })
        let limit = try await ProviderClient.withClient { client in
            let model = try ModelFactory(client: client, environment: [:]).makeModel("openai/fault-model", baseURL: server.openAIBaseURL)
            let runner = Runner(store: store, models: [model.spec: model],
                                options: RunnerOptions(run.configuration, backoff: Backoff(baseSeconds: 0.6, capSeconds: 0.6)))
            try await runner.execute(run, progress: RunProgress(total: run.pending.count))
            return await runner.currentLimit(for: model.spec)
        }
        #expect(try #require(limit) < 16)
        #expect(try await store.tally(runID: run.record.id).failuresByCause == ["rate-limited": 24])
    }
}
