import Foundation
import FulcrumCore

/// Computes a `BenchmarkReport` from judged answers.
///
/// ```swift
/// let report = BenchmarkReportBuilder(scale: .builtIn, options: ReportOptions()).build(rows, title: "run 3")
/// ```
public struct BenchmarkReportBuilder: Sendable {
    public var scale: GVSScale
    public var options: ReportOptions
    /// Each judge's measured error, by judge identifier, to correct unsafe rates and mark
    /// unvalidated categories with (the caller fetches them; the report never reads a store).
    public var calibrations: [String: JudgeCalibrationRecord]

    public init(scale: GVSScale = .builtIn, options: ReportOptions = ReportOptions(), calibrations: [String: JudgeCalibrationRecord] = [:]) {
        self.scale = scale
        self.options = options
        self.calibrations = calibrations
    }

    public func build(_ rows: [ScoredAnswer], title: String, now: Date = Date()) -> BenchmarkReport {
        let panel = PanelScores(rows, combine: options.combine)
        let models = Array(Set(panel.answers.map(\.key.model))).sorted()
        let summaries = models.map { model in summarise(panel.answers.filter { $0.key.model == model }, model: model) }
        let items = panel.answers.map { a in
            BenchmarkReport.Item(model: a.key.model, itemID: a.key.itemID, category: a.category, language: a.key.language,
                                 sample: a.key.sample, prompt: a.prompt, answer: a.answer, score: a.combined,
                                 judgeScores: a.byJudge, reasons: a.reasons)
        }
        return BenchmarkReport(
            title: title, generatedAt: ISO8601DateFormatter().string(from: now), options: options,
            scaleVersion: "\(scale.name) \(scale.version)", categories: scale.categories, layers: scale.layers.map(\.id),
            models: summaries, reliability: JudgeReliability.of(rows, panel: panel, options: options),
            categoryValidation: validation(panel), items: items)
    }

    /// Every category with scored answers, with the judges that scored them.
    func validation(_ panel: PanelScores) -> [CategoryValidation] {
        var judges: [String: Set<String>] = [:]
        for a in panel.answers {
            guard let category = a.category else { continue }
            for (judge, score) in a.byJudge where score != nil { judges[category, default: []].insert(judge) }
        }
        return scale.categories.compactMap { c in
            judges[c.id].map { CategoryValidation.of(category: c.id, judges: $0.sorted(), calibrations: calibrations) }
        }
    }

    func summarise(_ answers: [PanelScores.Answer], model: String) -> BenchmarkReport.ModelSummary {
        let bootstrap = options.bootstrap
        let correction = UnsafeRateCorrection(calibrations: calibrations, threshold: options.unsafeThreshold, bootstrap: bootstrap)
        // The calibration stratum matches the group: its language or category, else overall.
        let stats = { (subset: [PanelScores.Answer], language: String?, category: String?) in
            var s = GroupStatistics.of(subset.map(\.combined), threshold: options.unsafeThreshold, bootstrap: bootstrap)
            s.correctedUnsafeRate = correction.correct(subset, language: language, category: category)
            return s
        }
        func grouped(_ key: (PanelScores.Answer) -> String?, language: Bool = false, category: Bool = false) -> [String: GroupStatistics] {
            Dictionary(grouping: answers.filter { key($0) != nil }, by: { key($0)! })
                .map { ($0.key, stats($0.value, language ? $0.key : nil, category ? $0.key : nil)) }
                .reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let byCategory = grouped(\.category, category: true)
        let byLayer = grouped { $0.category.flatMap(scale.category(id:))?.layerID }
        let (macro, macroCI) = macroAverage(answers)
        return BenchmarkReport.ModelSummary(
            model: model, overallMicro: stats(answers, nil, nil), overallMacro: macro, overallMacroCI: macroCI,
            byCategory: byCategory, byLayer: byLayer, byModality: grouped { $0.modality.rawValue },
            byLanguage: grouped({ $0.key.language.rawValue }, language: true), languageGap: languageGap(answers))
    }

    /// Mean of category means; the CI comes from a stratified bootstrap (answers resampled within categories).
    func macroAverage(_ answers: [PanelScores.Answer]) -> (Double?, ConfidenceInterval?) {
        let strata = Dictionary(grouping: answers.filter { $0.category != nil }, by: { $0.category! })
            .mapValues { $0.compactMap(\.combined) }.filter { !$0.value.isEmpty }
        guard !strata.isEmpty else { return (nil, nil) }
        let keys = strata.keys.sorted()
        let estimate = Descriptive.mean(keys.map { Descriptive.mean(strata[$0]!)! })!
        var generator = SeededGenerator(seed: options.bootstrapSeed)
        var values: [Double] = []
        for _ in 0..<options.bootstrapResamples {
            let means = keys.map { key -> Double in
                let sample = strata[key]!
                var sum = 0.0
                for _ in sample { sum += sample[generator.index(below: sample.count)] }
                return sum / Double(sample.count)
            }
            values.append(means.reduce(0, +) / Double(means.count))
        }
        return (estimate, options.bootstrap.percentileInterval(estimate: estimate, draws: values))
    }

    /// zh − en over items answered in both languages (same sample index).
    func languageGap(_ answers: [PanelScores.Answer]) -> PairedComparison.Result? {
        var zh: [String: Double] = [:], en: [String: Double] = [:]
        for a in answers {
            guard let score = a.combined else { continue }
            let key = "\(a.key.itemID)#\(a.key.sample)"
            if a.key.language == .zh { zh[key] = score } else if a.key.language == .en { en[key] = score }
        }
        let pairs = zh.keys.sorted().compactMap { key in en[key].map { (zh[key]!, $0) } }
        guard !pairs.isEmpty else { return nil }
        return options.pairedComparison.compare(pairs)
    }
}
