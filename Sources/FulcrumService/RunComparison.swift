import FulcrumReport
import FulcrumValues

/// Two models compared (`ReportService.compare`): scores and unsafe rates, and, unless left out,
/// the difference of their value profiles. Its JSON is the comparison's with the value difference
/// under `valueDifferences`, here for the reason `ReportDocument` is.
public struct RunComparison: Encodable, Sendable {
    public var comparison: ModelComparison
    public var values: ValueProfileDifference?

    public func encode(to encoder: any Encoder) throws {
        try comparison.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(values, forKey: .valueDifferences)
    }

    enum Key: String, CodingKey { case valueDifferences }
}
