import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumProviders
import FulcrumSQLiteStore
import FulcrumStore
import FulcrumSuites
import Testing

let localModelURL = ProcessInfo.processInfo.environment["FULCRUM_LOCAL_MODEL_URL"]

/// End to end against the real local model (gemma-3-270m behind llama.cpp's OpenAI-compatible server).
@Suite(.serialized) struct RunnerLocalModelTests {
    // In CI it runs (and fails at #require) without the server: never silently skipped there.
    @Test(.enabled(if: localModelURL != nil || ProcessInfo.processInfo.environment["CI"] == "true", "FULCRUM_LOCAL_MODEL_URL is not set: start the model with scripts/local-model.sh start and export FULCRUM_LOCAL_MODEL_URL=http://127.0.0.1:8080/v1"))
    func starterSliceCompletesAndIsReusedOnTheSecondInvocation() async throws {
        let url = try #require(localModelURL)
        let suite = try SuiteCatalog.starter()
        let store = try SQLiteResultStore(path: temporaryStorePath())
        var c = RunConfiguration(suite: "starter", models: [DefaultModel.localSpec], language: .both, limit: 3,
                                 settings: GenerationSettings(temperature: 0, maxTokens: 32), concurrency: 2, perModelConcurrency: 2,
                                 timeoutSeconds: 120, retries: 2, baseURL: url)
        c.useCache = true
        func invoke() async throws -> (PreparedRun, ProgressSnapshot) {
            let run = try await PreparedRun.prepare(configuration: c, store: store, loadSuite: { try SuiteCatalog.load($0) })
            let progress = RunProgress(total: run.pending.count)
            try await ProviderClient.withClient { client in
                let model = try ModelFactory(client: client, environment: [:], timeout: .seconds(120))
                    .makeModel(DefaultModel.localSpec, baseURL: url)
                try await Runner(store: store, models: [model.spec: model], options: RunnerOptions(run.configuration))
                    .execute(run, progress: progress)
            }
            return (run, await progress.snapshot())
        }
        let (first, firstProgress) = try await invoke()
        #expect(first.totalRows == 6)
        #expect(firstProgress.calls >= 6)
        let generations = try await store.generations(runID: first.record.id)
        #expect(generations.count == 6)
        for g in generations {
            #expect(g.errorCause == nil, "\(g.errorMessage ?? "")")
            #expect(!(g.responseText ?? "").isEmpty)
            #expect((g.inputTokens ?? 0) > 0 && (g.outputTokens ?? 0) > 0 && (g.outputTokens ?? 99) <= 32)
            #expect(g.finishReason != nil)
        }
        #expect(try await store.run(id: first.record.id)?.status == .completed)

        let (second, secondProgress) = try await invoke()
        #expect(secondProgress.calls == 0 && secondProgress.cacheHits == 6)
        let reused = try await store.generations(runID: second.record.id)
        #expect(Set(reused.map(\.responseText)) == Set(generations.map(\.responseText)))
        #expect(try await store.tally(runID: second.record.id).outputTokens == (try await store.tally(runID: first.record.id)).outputTokens)
        _ = suite
    }
}
