import Foundation
import FulcrumCore
import FulcrumJudges

/// Builds judges from the specs a user types: `native` (the offline safety classifier) or a model spec
/// (`openai/gpt-4o`, `local/gemma-3-270m`, …) used as a GVS rubric judge.
///
/// The model and native-judge constructors are passed in, so this target needs neither the HTTP
/// providers nor the trained classifier to build.
public struct JudgeFactory: Sendable {
    public var makeModel: @Sendable (String) throws -> any ChatModel
    public var makeNative: (@Sendable () throws -> any Judge)?
    public var template: RubricTemplate
    public var language: RubricJudge.JudgeLanguage
    public var settings: GenerationSettings

    public init(makeModel: @escaping @Sendable (String) throws -> any ChatModel, makeNative: (@Sendable () throws -> any Judge)?,
                template: RubricTemplate = .gvsRubricV1, language: RubricJudge.JudgeLanguage = .english,
                settings: GenerationSettings = GenerationSettings(temperature: 0, maxTokens: 256)) {
        self.makeModel = makeModel
        self.makeNative = makeNative
        self.template = template
        self.language = language
        self.settings = settings
    }

    public func make(_ spec: String) throws -> JudgingRun.Slot {
        if spec == "native" {
            guard let makeNative else { throw JudgeSpecError.nativeUnavailable }
            return JudgingRun.Slot(judge: try makeNative(), settingsJSON: #"{"judge":"native"}"#)
        }
        let judge = RubricJudge(model: try makeModel(spec), template: template, language: language, settings: settings)
        let recorded = RecordedSettings(model: spec, template: template.version, language: language.rawValue,
                                        temperature: settings.temperature, maxTokens: settings.maxTokens)
        let json = (try? JSONEncoder.sorted.encode(recorded)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return JudgingRun.Slot(judge: judge, settingsJSON: json)
    }

    struct RecordedSettings: Encodable {
        var model: String, template: String, language: String
        var temperature: Double?, maxTokens: Int?
    }
}

public enum JudgeSpecError: Error, CustomStringConvertible {
    case nativeUnavailable

    public var description: String {
        switch self {
        case .nativeUnavailable: "the native safety judge is not available in this build"
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
