import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumService
import FulcrumStore
import FulcrumTestSupport
import Testing

/// The run operation end to end: the real runner, OpenAI-compatible client and SQLite store against
/// the fault-injecting server.
@Suite(.serialized) struct RunServiceTests {
    let suite = Suite(name: "faults", items: [
        SuiteItem(id: "ok", prompt: LocalizedText([.en: "plain question"])),
        SuiteItem(id: "flaky", prompt: LocalizedText([.en: "server error once [[fault:500x1]]"])),
        SuiteItem(id: "denied", prompt: LocalizedText([.en: "not authorised [[fault:401]]"])),
    ])

    func service(_ store: any ResultStore) -> RunService {
        let suite = suite
        return RunService(store: store, environment: ["OPENAI_API_KEY": "sk-test-not-a-real-key"], loadSuite: { _ in suite },
                          backoff: Backoff(baseSeconds: 0.01, capSeconds: 0.05))
    }

    @Test func startsResumesAndPlansRuns() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let (store, _) = try temporarySQLiteStore()
        let request = RunRequest(configuration: RunConfiguration(suite: "faults", models: ["openai/fault-model"], retries: 2),
                                 rawBaseURL: server.openAIBaseURL)
        var announced: PreparedRun?
        let summary = try await service(store).start(request) { announced = $0 }
        #expect(announced?.pending.count == 3 && announced?.resumed == false)
        #expect(summary.executed == 3 && summary.answered == 2 && summary.failed == 1)
        #expect(summary.failuresByCause == ["client-error": 1])
        #expect(summary.tally.answered == 2 && summary.tally.rows == 3)
        let stored = try #require(try await store.run(id: summary.runID))
        #expect(!stored.configJSON.contains("127.0.0.1"), "the raw base URL makes clients and is never stored")

        // The same request again continues the unfinished run: only the failed row is tried again.
        let again = try await service(store).start(request)
        #expect(again.runID == summary.runID && again.executed == 1)

        // Planning only (detach) stores the plan and calls nothing.
        var detached = request
        detached.configuration.samples = 2
        let prepared = try await service(store).plan(detached)
        #expect(prepared.pending.count == 6 && prepared.record.id != summary.runID)
        #expect(try await store.tally(runID: prepared.record.id).answered == 0)
    }

    @Test func completionChoosesTheLocalModelAndValidatesInDomainTerms() throws {
        let empty = RunRequest(configuration: RunConfiguration())
        let local = try RunService.complete(empty, environment: [:])
        #expect(local.defaultedModel == DefaultModel.localSpec && local.request.configuration.models == [DefaultModel.localSpec])
        #expect(throws: PlanError.noModels) { try RunService.complete(empty, environment: ["OPENAI_API_KEY": "sk-x"]) }
        let resuming = try RunService.complete(RunRequest(configuration: RunConfiguration(), resumeRunID: "r"), environment: [:])
        #expect(resuming.defaultedModel == nil, "a resumed run keeps its stored models")

        var bad = RunRequest(configuration: RunConfiguration(models: ["openai/a"]))
        bad.configuration.samples = 0
        #expect(throws: PlanError.outOfRange(.samples, requirement: "must be at least 1", value: "0")) {
            try RunService.complete(bad, environment: [:])
        }
        #expect(PlanError.outOfRange(.samples, requirement: "must be at least 1", value: "0").description == "samples must be at least 1 (got 0)")
        #expect(!PlanError.noModels.description.contains("--"), "library errors name no CLI flag")
    }

    @Test func previewPlansWithoutAStore() throws {
        let preview = try RunService.preview(RunConfiguration(suite: "starter", models: ["openai/a", "openai/b"], samples: 2))
        #expect(preview.suite.name == "starter")
        #expect(preview.plan.calls.count == preview.suite.items.count * 2 * 2)
    }
}
