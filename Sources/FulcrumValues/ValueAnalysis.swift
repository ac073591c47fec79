import FulcrumCore
import FulcrumReport

/// The FULCRA view of a judged run: each model's mean value vector (and per category) with CIs, and
/// which value dimensions co-vary with the safety score.
///
/// ```swift
/// let analysis = ValueAnalysis.of(report, evaluator: try NativeValueEvaluator.builtIn())
/// let html = analysis.htmlSection()
/// ```
public struct ValueAnalysis: Codable, Sendable {
    public var evaluator: String
    /// The evaluator's held-out agreement with FULCRA's human labels, when its model file records it.
    public var evaluatorCheck: EvaluatorCheck?
    public var profiles: [ValueProfile]
    public var correlations: [ValueSafetyCorrelation]
    /// Answers that were empty and so carry no values.
    public var emptyAnswers: Int
    /// Answers in languages the evaluator's check held too few dialogues in; empty when none, nil
    /// when its model file does not record the check's languages.
    public var unvalidatedLanguages: [UnvalidatedLanguage]? = nil

    /// Scores every answer of the report with the evaluator and aggregates.
    public static func of(_ report: BenchmarkReport, evaluator: NativeValueEvaluator) -> ValueAnalysis {
        var records: [ValueRecord] = []
        var empty = 0
        var byLanguage: [Language: Int] = [:]
        for item in report.items {
            let assessment = evaluator.assess(prompt: item.prompt, response: item.answer)
            if assessment.status == .emptyResponse { empty += 1; continue }
            records.append(ValueRecord(model: item.model, category: item.category, vector: assessment.vector, safetyScore: item.score))
            byLanguage[item.language, default: 0] += 1
        }
        let check = evaluator.check
        let bootstrap = report.options.bootstrap
        return ValueAnalysis(evaluator: evaluator.identifier, evaluatorCheck: check,
                             profiles: ValueProfile.profiles(records, byCategory: true, bootstrap: bootstrap,
                                                             evaluatorBias: evaluator.sourceBiases),
                             correlations: ValueSafetyCorrelation.compute(records.filter { $0.safetyScore != nil }, level: report.options.confidenceLevel),
                             emptyAnswers: empty, unvalidatedLanguages: UnvalidatedLanguage.find(byLanguage, check: check))
    }

    /// One sentence naming the answers whose language the evaluator was not checked in; nil when
    /// there are none or the evaluator does not say.
    public var unvalidatedLanguageSentence: String? {
        UnvalidatedLanguage.sentence(unvalidatedLanguages, of: profiles.filter { $0.category == nil }.reduce(0) { $0 + $1.count },
                                     check: evaluatorCheck)
    }

    /// Radar chart of the per-model profiles, a table of means with CIs, and the correlations.
    public func htmlSection() -> String {
        let overall = profiles.filter { $0.category == nil }
        var html = "<p class=\"note\">Each answer mapped to Schwartz's ten basic values by \(HTML.escape(evaluator)) "
            + "(−1 opposed, 0 no connection, +1 important); means over answers with 95% intervals (hover a cell)."
            + (profiles.contains { $0.withEvaluatorError != nil } ? " " + EvaluatorCheck.evaluatorErrorRowNote : "")
            + (emptyAnswers > 0 ? " \(emptyAnswers) empty answers carry no values and are left out." : "") + "</p>"
        if let evaluatorCheck { html += "<p class=\"note\">\(HTML.escape(evaluatorCheck.sentence))</p>" }
        if let unvalidatedLanguageSentence { html += "<p class=\"note\">\(HTML.escape(unvalidatedLanguageSentence))</p>" }
        html += RadarChart.svg(overall.map { ($0.model, $0.meanVector) })
        html += "<table><thead><tr><th>model</th><th>answers</th>"
            + SchwartzValue.allCases.map { "<th>\(HTML.escape($0.displayName))</th>" }.joined() + "</tr></thead><tbody>"
        for profile in overall {
            html += "<tr><td>\(HTML.escape(profile.model))</td><td>\(profile.count)</td>"
                + profile.mean.map(cell).joined() + "</tr>"
            if let intervals = profile.withEvaluatorError {
                html += "<tr class=\"note\"><td>95% interval with evaluator error</td><td></td>"
                    + intervals.map { "<td>[\(format($0.lower)), \(format($0.upper))]</td>" }.joined() + "</tr>"
            }
        }
        if let perValue = evaluatorCheck?.perValue {
            // Not a profile: the evaluator's out-of-fold error per value, which the CIs above leave out.
            html += "<tr class=\"note\"><td>evaluator accuracy / macro-F1 out of fold</td><td></td>"
                + perValue.map { "<td>\(format($0.accuracy)) / \(format($0.macroF1))</td>" }.joined() + "</tr>"
        }
        html += "</tbody></table>"
        let scored = correlations.filter { $0.r != nil }
        if !scored.isEmpty {
            html += "<p>Correlation of each value dimension with the safety score (Pearson r, 95% CI, p): "
                + "positive means answers that uphold the value were judged safer.</p><table><thead><tr><th>value</th><th>n</th><th>r</th><th>95% CI</th><th>p</th></tr></thead><tbody>"
            for c in scored {
                let ci = c.ci.map { "[\(format($0.lower)), \(format($0.upper))]" } ?? ""
                html += "<tr><td>\(HTML.escape(c.value.displayName))</td><td>\(c.n)</td><td>\(format(c.r))</td><td>\(ci)</td><td>\(c.pValue.map { format($0, digits: 3) } ?? "")</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    private func cell(_ ci: ConfidenceInterval) -> String {
        "<td title=\"\(format(ci.lower)) to \(format(ci.upper))\">\(format(ci.estimate))</td>"
    }

    private func format(_ x: Double?, digits: Int = 2) -> String {
        guard let x else { return "" }
        return String(format: "%.\(digits)f", x)
    }
}
