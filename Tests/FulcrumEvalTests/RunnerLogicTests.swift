import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumSQLiteStore
import FulcrumStore
import FulcrumSuites
import Synchronization
import Testing

/// A scripted in-process model for runner LOGIC only (scheduling, retry bookkeeping). Everything that
/// concerns HTTP is tested against the real fault server in RunnerFaultTests.
final class ScriptedModel: ChatModel, Sendable {
    let spec: String
    /// Errors to throw, per prompt text, before answering.
    let failures: [String: [ChatError]]
    let delay: Duration
    private let state = Mutex<(calls: [String: Int], inFlight: Int, peak: Int, attachments: [ChatAttachment])>(([:], 0, 0, []))

    init(spec: String = "test/scripted", failures: [String: [ChatError]] = [:], delay: Duration = .zero) {
        self.spec = spec
        self.failures = failures
        self.delay = delay
    }

    var peakInFlight: Int { state.withLock { $0.peak } }
    var totalCalls: Int { state.withLock { $0.calls.values.reduce(0, +) } }
    var attachments: [ChatAttachment] { state.withLock { $0.attachments } }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let text = request.messages.last?.text ?? ""
        let n = state.withLock { s in
            s.calls[text, default: 0] += 1
            s.inFlight += 1
            s.peak = max(s.peak, s.inFlight)
            s.attachments += request.messages.flatMap(\.attachments)
            return s.calls[text]!
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        if delay > .zero { try await Task.sleep(for: delay) }
        if let planned = failures[text], n <= planned.count { throw planned[n - 1] }
        return ChatResponse(text: "answer to \(text.prefix(20))", finishReason: "stop", usage: TokenUsage(inputTokens: 4, outputTokens: 6))
    }
}

func prepare(_ suite: Suite, models: [String], store: ResultStore, change: (inout RunConfiguration) -> Void = { _ in })
    async throws -> PreparedRun {
    var c = RunConfiguration(suite: suite.name, models: models)
    change(&c)
    return try await PreparedRun.prepare(configuration: c, store: store, loadSuite: { _ in suite })
}

@Suite struct RunnerLogicTests {
    let starter = try! SuiteCatalog.starter()

    @Test func respectsPerModelConcurrencyAndAnswersEveryRow() async throws {
        let store = try SQLiteResultStore(path: temporaryStorePath())
        let model = ScriptedModel(delay: .milliseconds(20))
        let run = try await prepare(starter, models: [model.spec], store: store) { $0.concurrency = 10; $0.perModelConcurrency = 3 }
        let runner = Runner(store: store, models: [model.spec: model], options: RunnerOptions(run.configuration))
        let progress = RunProgress(total: run.pending.count)
        try await runner.execute(run, progress: progress)
        #expect(model.peakInFlight <= 3 && model.peakInFlight >= 2)
        let tally = try await store.tally(runID: run.record.id)
        #expect(tally.answered == starter.items.count && tally.rows == starter.items.count)
        #expect(try await store.run(id: run.record.id)?.status == .completed)
        #expect(await progress.snapshot().done == starter.items.count)
    }

    @Test func retriesRetryableErrorsAndRecordsTheRestWithTheirCause() async throws {
        let store = try SQLiteResultStore(path: temporaryStorePath())
        let items = starter.items.prefix(3)
        let prompts = items.map { $0.prompt[.en]! }
        let model = ScriptedModel(failures: [
            prompts[0]: [.server(status: 503, body: "busy"), .timeout],
            prompts[1]: [.client(status: 400, body: "bad request")],
            prompts[2]: Array(repeating: ChatError.connection("refused"), count: 10),
        ])
        let suite = Suite(name: "three", items: Array(items))
        let run = try await prepare(suite, models: [model.spec], store: store) { $0.retries = 2 }
        let runner = Runner(store: store, models: [model.spec: model],
                            options: RunnerOptions(run.configuration, backoff: Backoff(baseSeconds: 0.01, capSeconds: 0.02)))
        let progress = RunProgress(total: 3)
        try await runner.execute(run, progress: progress)
        let results = try await store.results(runID: run.record.id)
        let byItem: [String: GenerationRecord] = Dictionary(uniqueKeysWithValues: results.map { ($0.row.itemID, $0.generation!) })
        #expect(byItem[items[0].id]?.errorCause == nil && byItem[items[0].id]?.attempts == 3)
        #expect(byItem[items[1].id]?.errorCause == "client-error" && byItem[items[1].id]?.attempts == 1)
        #expect(byItem[items[2].id]?.errorCause == "connection" && byItem[items[2].id]?.attempts == 3)
        #expect(byItem[items[2].id]?.errorMessage?.contains("refused") == true)
        let snapshot = await progress.snapshot()
        #expect(snapshot.retries == 4 && snapshot.calls == 7 && snapshot.failed == 2)
        #expect(try await store.run(id: run.record.id)?.status == .unfinished)
    }

    @Test func imageAttachmentsAreReadAndMissingOnesFailTheirRowOnly() async throws {
        let dir = try temporaryFolder()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        try Data(png).write(to: dir.appendingPathComponent("pic.png"))
        let suite = Suite(name: "images", items: [
            SuiteItem(id: "img-ok", modality: .image, prompt: LocalizedText([.en: "describe"]), attachments: [Attachment(path: "pic.png")]),
            SuiteItem(id: "img-missing", modality: .image, prompt: LocalizedText([.en: "describe too"]), attachments: [Attachment(path: "gone.png")]),
        ], baseDirectory: dir.path)
        let store = try SQLiteResultStore(path: dir.appendingPathComponent("db.sqlite").path)
        let model = ScriptedModel()
        let run = try await prepare(suite, models: [model.spec], store: store)
        try await Runner(store: store, models: [model.spec: model], options: RunnerOptions(run.configuration))
            .execute(run, progress: RunProgress(total: 2))
        #expect(model.attachments == [ChatAttachment(mediaType: "image/png", data: png)])
        let results = try await store.results(runID: run.record.id)
        let missing = results.first { $0.row.itemID == "img-missing" }!.generation!
        #expect(missing.errorCause == "attachment-missing")
        #expect(missing.errorMessage!.contains("gone.png"))
        let ok = results.first { $0.row.itemID == "img-ok" }!.generation!
        #expect(ok.errorCause == nil)
        #expect(ok.messagesJSON.contains("pic.png") && !ok.messagesJSON.contains("\"data\""))
    }
}
