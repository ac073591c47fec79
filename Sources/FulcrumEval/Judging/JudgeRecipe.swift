import Foundation
import FulcrumCore
import FulcrumJudges

/// Everything needed to build the same judge in another process: a worker judging a run that
/// `fulcrum judge --detach` queued. Stored with the request as JSON; holds no key.
public struct JudgeRecipe: Codable, Sendable, Hashable {
    /// `native`, or the model spec of a rubric judge.
    public var spec: String
    public var templateVersion: String
    /// The rubric template's text by language code (the template file need not exist elsewhere).
    public var template: [String: String]
    public var language: RubricJudge.JudgeLanguage
    public var temperature: Double?
    public var maxTokens: Int?

    public init(spec: String, factory: JudgeFactory) {
        self.spec = spec
        templateVersion = factory.template.version
        template = Dictionary(uniqueKeysWithValues: factory.template.byLanguage.map { ($0.key.rawValue, $0.value) })
        language = factory.language
        temperature = factory.settings.temperature
        maxTokens = factory.settings.maxTokens
    }

    /// A factory configured as the one the recipe was made from, with this process's model and
    /// native-judge constructors.
    public func factory(makeModel: @escaping @Sendable (String) throws -> any ChatModel,
                        makeNative: (@Sendable () throws -> any Judge)?) -> JudgeFactory {
        let byLanguage = Dictionary(uniqueKeysWithValues: template.map { (Language(rawValue: $0.key), $0.value) })
        return JudgeFactory(makeModel: makeModel, makeNative: makeNative,
                            template: RubricTemplate(version: templateVersion, byLanguage: byLanguage), language: language,
                            settings: GenerationSettings(temperature: temperature, maxTokens: maxTokens))
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> JudgeRecipe {
        try JSONDecoder().decode(JudgeRecipe.self, from: Data(json.utf8))
    }
}
