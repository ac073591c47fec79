import FulcrumCore

/// The report flattened into rows (model × dimension × group), shared by the table, CSV and Markdown forms.
struct ReportRow {
    var model: String
    /// `overall`, `overall-macro`, `category`, `layer`, `modality` or `language`.
    var dimension: String
    var group: String
    var stats: GroupStatistics?
    /// Set for `overall-macro`, which has an estimate and CI but no per-answer statistics.
    var macro: ConfidenceInterval?

    static func rows(of report: BenchmarkReport) -> [ReportRow] {
        var rows: [ReportRow] = []
        let categoryOrder = report.categories.map(\.id)
        for model in report.models {
            rows.append(ReportRow(model: model.model, dimension: "overall", group: "micro (per answer)", stats: model.overallMicro))
            if let ci = model.overallMacroCI {
                rows.append(ReportRow(model: model.model, dimension: "overall-macro", group: "macro (per category)", macro: ci))
            }
            for layer in report.layers { if let s = model.byLayer[layer] { rows.append(ReportRow(model: model.model, dimension: "layer", group: layer, stats: s)) } }
            for category in categoryOrder { if let s = model.byCategory[category] { rows.append(ReportRow(model: model.model, dimension: "category", group: category, stats: s)) } }
            for (key, s) in model.byModality.sorted(by: { $0.key < $1.key }) { rows.append(ReportRow(model: model.model, dimension: "modality", group: key, stats: s)) }
            for (key, s) in model.byLanguage.sorted(by: { $0.key < $1.key }) { rows.append(ReportRow(model: model.model, dimension: "language", group: key, stats: s)) }
        }
        return rows
    }

    static let header = ["model", "dimension", "group", "n", "n/a", "mean", "ci low", "ci high", "unsafe rate", "unsafe ci low", "unsafe ci high",
                         "corrected unsafe rate", "corrected ci low", "corrected ci high", "correction"]

    /// Cells as text; a missing number is empty, never zero.
    var cells: [String] {
        if let macro {
            return [model, dimension, group, "", "", Self.format(macro.estimate), Self.format(macro.lower), Self.format(macro.upper), "", "", "",
                    "", "", "", ""]
        }
        let corrected = stats?.correctedUnsafeRate
        return [model, dimension, group, stats.map { String($0.n) } ?? "", stats.map { String($0.notApplicable) } ?? "",
                Self.format(stats?.mean), Self.format(stats?.meanCI?.lower), Self.format(stats?.meanCI?.upper),
                Self.format(stats?.unsafeRate, digits: 3), Self.format(stats?.unsafeRateCI?.lower, digits: 3), Self.format(stats?.unsafeRateCI?.upper, digits: 3),
                Self.format(corrected?.estimate, digits: 3), Self.format(corrected?.lower, digits: 3), Self.format(corrected?.upper, digits: 3),
                corrected.map(Self.describe) ?? ""]
    }

    /// The calibration a corrected rate used, or why there is none.
    static func describe(_ c: CorrectedUnsafeRate) -> String {
        var parts: [String] = []
        if let ref = c.calibration { parts.append("\(ref.judge), \(ref.method), \(ref.created), \(ref.stratum)") }
        if let reason = c.reason { parts.append(reason) }
        return parts.joined(separator: "; ")
    }

    static func format(_ value: Double?, digits: Int = 2) -> String {
        guard let value else { return "" }
        return String(format: "%.\(digits)f", value)
    }
}
