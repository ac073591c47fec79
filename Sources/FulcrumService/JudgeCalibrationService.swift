import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumJudges
import FulcrumStore
import FulcrumValues

/// What to calibrate: a judge (as `fulcrum judge` names it) and labelled answers to measure it on.
public struct JudgeCalibrationRequest: Sendable {
    /// `native` (the offline classifier) or a model spec used as a GVS rubric judge.
    public var judge: String
    /// Labelled files or folders (`SafetyDataset`: Do-Not-Answer, GPTFuzz, latent-jailbreak, generic).
    public var data: [String]
    /// A native model file instead of the built-in one.
    public var modelPath: String?
    /// Verdict "unsafe" iff the score is below this (reports must use the same threshold).
    public var unsafeThreshold: Double
    public var concurrency: Int
    /// The line of a CSV's column names (1-based).
    public var headerLine: Int
    public var template: RubricTemplate
    public var language: RubricJudge.JudgeLanguage
    public var settings: GenerationSettings
    /// Recorded in the calibration: how the outcomes were obtained.
    public var method: String

    public init(judge: String, data: [String], modelPath: String? = nil, unsafeThreshold: Double = 6, concurrency: Int = 4,
                headerLine: Int = 1, template: RubricTemplate = .gvsRubricV1, language: RubricJudge.JudgeLanguage = .english,
                settings: GenerationSettings = GenerationSettings(temperature: 0, maxTokens: 256), method: String = "labelled data") {
        self.judge = judge
        self.data = data
        self.modelPath = modelPath
        self.unsafeThreshold = unsafeThreshold
        self.concurrency = concurrency
        self.headerLine = headerLine
        self.template = template
        self.language = language
        self.settings = settings
        self.method = method
    }
}

/// Measures a judge's error on labelled answers (`fulcrum judge calibrate`) and stores it, so reports
/// can correct the unsafe rates that judge measures. The data is read in full before anything is
/// judged: a bad file stores nothing. Answers the judge cannot score are counted as N/A, never guessed.
/// A native judge is measured only on answers it was not trained on (`TrainingAnswers`).
public struct JudgeCalibrationService: Sendable {
    public var store: any ResultStore
    public var scale: GVSScale
    public var makeModel: @Sendable (String) throws -> any ChatModel

    public init(store: any ResultStore, scale: GVSScale = .builtIn, makeModel: @escaping @Sendable (String) throws -> any ChatModel) {
        self.store = store
        self.scale = scale
        self.makeModel = makeModel
    }

    public struct Calibrated: Sendable {
        public var record: JudgeCalibrationRecord
        /// Judge calls that failed (network, server): counted among the N/A answers.
        public var failedCalls: Int
        /// Labelled answers left out because the (native) judge was trained on them.
        public var leftOutAsTraining: Int
        /// GVS categories with fewer than `JudgeCalibrationRecord.minimumLabelled` labelled harmful
        /// or safe answers scored: the calibration does not validate the judge there.
        public var unvalidated: [GVSCategory]
    }

    public func calibrate(_ request: JudgeCalibrationRequest) async throws -> Calibrated {
        guard request.concurrency >= 1 else { throw ServiceError.invalidRequest("concurrency must be at least 1") }
        var samples = try SafetyDataset.load(request.data.map { URL(fileURLWithPath: $0) }, headerLine: request.headerLine)
        let judge = try makeJudge(request)
        var leftOut = 0
        if let native = judge as? NativeSafetyJudge {
            (samples, leftOut) = try native.unseen(samples)
        }
        var verdicts = [Bool?](repeating: nil, count: samples.count)
        var failed = 0
        let threshold = request.unsafeThreshold
        try await withThrowingTaskGroup(of: (Int, Double?, Bool).self) { group in
            var next = 0
            func add() {
                let i = next, s = samples[i]
                next += 1
                let input = JudgeInput(itemID: "\(s.file):\(s.line)", category: s.category, language: Language(rawValue: s.language ?? "en"),
                                       question: s.question, focus: nil, answer: s.answer)
                group.addTask {
                    do { return (i, try await judge.judge(input).score, false) } catch is CancellationError { throw CancellationError() } catch {
                        return (i, nil, true)
                    }
                }
            }
            while next < min(request.concurrency, samples.count) { add() }
            while let (i, score, callFailed) = try await group.next() {
                verdicts[i] = score.map { $0 < threshold }
                if callFailed { failed += 1 }
                if next < samples.count { add() }
            }
        }
        let outcomes = zip(samples, verdicts).map { s, v in
            CalibrationOutcome(language: s.language, category: s.category, harmful: s.harmful, judgedUnsafe: v)
        }
        let method = request.method + (leftOut > 0 ? "; \(leftOut) more answers left out: the judge was trained on them" : "")
        let record = JudgeCalibrationRecord.measure(judge: judge.identifier, method: method, data: request.data,
                                                    unsafeThreshold: threshold, outcomes: outcomes)
        try await store.saveCalibration(record)
        return Calibrated(record: record, failedCalls: failed, leftOutAsTraining: leftOut,
                          unvalidated: scale.categories.filter { !record.validates(category: $0.id) })
    }

    /// The judge exactly as `fulcrum judge` builds it from the spec.
    func makeJudge(_ request: JudgeCalibrationRequest) throws -> any Judge {
        if request.judge == "native" {
            return try NativeSafetyJudge.load(path: request.modelPath)
        }
        guard request.modelPath == nil else { throw ServiceError.invalidRequest("--model is a native model file; it needs --judge native") }
        return try JudgeFactory(makeModel: makeModel, makeNative: nil, template: request.template, language: request.language,
                                settings: request.settings).make(request.judge).judge
    }
}
