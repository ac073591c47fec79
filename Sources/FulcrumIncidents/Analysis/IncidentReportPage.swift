import Foundation
import FulcrumCore
import FulcrumReport

/// The self-contained HTML page for `fulcrum incidents stats --format html`: bar charts with Wilson
/// CI whiskers and the same numbers as tables. All text goes through `HTML.escape`.
public enum IncidentReportPage {
    public static func render(_ stats: IncidentStatistics, agreement: [FieldAgreement] = []) -> String {
        var page = HTMLPage(title: "Fulcrum incident statistics")
        let scope = stats.origins.isEmpty ? "all origins" : stats.origins.joined(separator: ", ")
        page.addParagraph("\(stats.incidents) incidents (\(scope), duplicates excluded); \(stats.codedIncidents) coded "
                          + "on basis '\(stats.basis.rawValue)'. Category, layer and lifecycle shares are of coded "
                          + "incidents and multi-label; modality and year shares are of all incidents. "
                          + "Whiskers: Wilson 95% confidence intervals.", className: "note")
        let focus = stats.disinformationHallucinationIdentity
        page.addHeading("Disinformation, hallucination or identity fraud")
        page.addParagraph("\(focus.count) of \(focus.total) coded incidents: \(percent(focus.share)) "
                          + "(95% CI \(percent(focus.interval?.lower ?? 0))–\(percent(focus.interval?.upper ?? 0))).")
        for (name, shares) in stats.sections where name != "focus" {
            page.addHeading("By \(name)")
            page.addRaw(BarChart(bars: shares.map {
                .init(label: $0.label, value: $0.share, lower: $0.interval?.lower, upper: $0.interval?.upper)
            }, maximum: 1, valueFormat: { percent($0) }).svg())
            page.addTable(header: [name, "count", "of", "share", "95% CI"], rows: shares.map {
                [$0.label, String($0.count), String($0.total), percent($0.share),
                 $0.interval.map { "\(percent($0.lower))–\(percent($0.upper))" } ?? "–"]
            })
        }
        if !agreement.isEmpty {
            page.addHeading("Coder agreement")
            page.addTable(header: ["field", "metric", "coders", "pairable units", "α", "95% CI"], rows: agreement.map {
                [$0.field, $0.metric.rawValue, String($0.coders), String($0.pairableUnits),
                 $0.alpha.map { String(format: "%.3f", $0.estimate) } ?? "–",
                 $0.alpha.map { String(format: "%.3f–%.3f", $0.lower, $0.upper) } ?? "–"]
            })
        }
        return page.render()
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
