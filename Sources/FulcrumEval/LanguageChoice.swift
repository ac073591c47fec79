import FulcrumCore

/// Which prompt language(s) each model is asked in.
public enum LanguageChoice: String, Codable, Sendable, Hashable, CaseIterable {
    case en, zh, both
    /// GVS-Bench's reference protocol: Chinese-developed models in Chinese, all others in English.
    case reference

    /// The languages `modelSpec` is asked in; `zhModels` are the specs marked as Chinese-developed.
    public func languages(for modelSpec: String, zhModels: Set<String>) -> [Language] {
        switch self {
        case .en: [.en]
        case .zh: [.zh]
        case .both: [.en, .zh]
        case .reference: zhModels.contains(modelSpec) ? [.zh] : [.en]
        }
    }
}
