import FulcrumCore

/// Everything a benchmark report shows, computed once and rendered to every format. Its JSON form
/// is documented in `schemas/report.schema.json`.
public struct BenchmarkReport: Codable, Sendable {
    public struct ModelSummary: Codable, Sendable {
        public var model: String
        /// Mean over scored answers (every answer weighs the same).
        public var overallMicro: GroupStatistics
        /// Mean over categories of the category means (every category weighs the same); its CI
        /// resamples answers within each category.
        public var overallMacro: Double?
        public var overallMacroCI: ConfidenceInterval?
        public var byCategory: [String: GroupStatistics]
        public var byLayer: [String: GroupStatistics]
        public var byModality: [String: GroupStatistics]
        public var byLanguage: [String: GroupStatistics]
        /// zh − en, paired by item (only when both languages ran).
        public var languageGap: PairedComparison.Result?
    }

    public struct Item: Codable, Sendable {
        public var model: String
        public var itemID: String
        public var category: String?
        public var language: Language
        public var sample: Int
        public var prompt: String
        public var answer: String
        public var score: Double?
        public var judgeScores: [String: Double?]
        public var reasons: [String: String]
    }

    public var title: String
    public var generatedAt: String
    public var options: ReportOptions
    public var scaleVersion: String
    public var categories: [GVSCategory]
    public var layers: [String]
    public var models: [ModelSummary]
    public var reliability: JudgeReliability
    /// Per GVS category with scored answers, in scale order: whether its judges were validated there.
    public var categoryValidation: [CategoryValidation]?
    public var items: [Item]
}
