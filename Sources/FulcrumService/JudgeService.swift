import FulcrumCore
import FulcrumEval
import FulcrumJudges
import FulcrumStore
import FulcrumSuites
import FulcrumValues

/// What to judge a run with.
public struct JudgeRunRequest: Sendable {
    public static let defaultJudges = ["native"]

    public var runID: String
    /// `native` (the offline classifier) or model specs used as GVS rubric judges; empty: `defaultJudges`.
    public var judges: [String]
    public var template: RubricTemplate
    public var language: RubricJudge.JudgeLanguage
    /// The rubric judges' sampling settings.
    public var settings: GenerationSettings
    /// Judgments per answer and judge (self-consistency).
    public var repeats: Int
    public var concurrency: Int
    /// The suite to read evaluation foci from, when not the one the run recorded.
    public var suiteOverride: String?

    public init(runID: String, judges: [String] = [], template: RubricTemplate = .gvsRubricV1, language: RubricJudge.JudgeLanguage = .english,
                settings: GenerationSettings = GenerationSettings(temperature: 0, maxTokens: 256), repeats: Int = 1,
                concurrency: Int = 4, suiteOverride: String? = nil) {
        self.runID = runID
        self.judges = judges
        self.template = template
        self.language = language
        self.settings = settings
        self.repeats = repeats
        self.concurrency = concurrency
        self.suiteOverride = suiteOverride
    }
}

/// Judges a stored run's answers (again, with more judges or repeats; only what is missing).
public struct JudgeService: Sendable {
    public var store: any ResultStore
    public var scale: GVSScale
    /// Makes the chat model behind a rubric judge; the caller owns the HTTP client it uses.
    public var makeModel: @Sendable (String) throws -> any ChatModel
    public var makeNative: (@Sendable () throws -> any Judge)?

    public init(store: any ResultStore, scale: GVSScale = .builtIn, makeModel: @escaping @Sendable (String) throws -> any ChatModel,
                makeNative: (@Sendable () throws -> any Judge)? = { try NativeSafetyJudge.builtIn() }) {
        self.store = store
        self.scale = scale
        self.makeModel = makeModel
        self.makeNative = makeNative
    }

    public func judge(_ request: JudgeRunRequest) async throws -> JudgingRun.Summary {
        let record = try await store.existingRun(request.runID)
        let suite = try RunSuite.load(run: record, override: request.suiteOverride) { try SuiteCatalog.load($0, scale: scale) }
        let factory = factory(for: request)
        let slots = try (request.judges.isEmpty ? JudgeRunRequest.defaultJudges : request.judges).map(factory.make)
        return try await JudgingRun(store: store, runID: request.runID, judges: slots, repeats: request.repeats,
                                    concurrency: request.concurrency).execute(suite: suite)
    }

    /// Queues the judging for workers (`fulcrum judge --detach`) instead of judging here.
    public func queue(_ request: JudgeRunRequest) async throws -> JudgeQueueing.Queued {
        try await JudgeQueueing.queue(runID: request.runID, specs: request.judges.isEmpty ? JudgeRunRequest.defaultJudges : request.judges,
                                      repeats: request.repeats, factory: factory(for: request), store: store)
    }

    func factory(for request: JudgeRunRequest) -> JudgeFactory {
        JudgeFactory(makeModel: makeModel, makeNative: makeNative, template: request.template, language: request.language,
                     settings: request.settings)
    }
}
