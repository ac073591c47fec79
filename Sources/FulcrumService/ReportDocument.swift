import FulcrumReport
import FulcrumValues

/// The JSON report (`schemas/report.schema.json`): the benchmark statistics and, unless left out,
/// the value analysis under `valueAnalysis`. Here rather than in FulcrumReport because the value
/// analysis comes from FulcrumValues, which itself builds on FulcrumReport.
public struct ReportDocument: Encodable, Sendable {
    public var report: BenchmarkReport
    public var values: ValueAnalysis?

    public init(report: BenchmarkReport, values: ValueAnalysis?) {
        self.report = report
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(values, forKey: .valueAnalysis)
    }

    enum Key: String, CodingKey { case valueAnalysis }
}
