import FulcrumCore

/// One incident in the repository, from any origin database.
///
/// `id` is `origin:originID` (e.g. `aiid:23`, `avid:AVID-2023-R0002`), so the same incident number
/// in two databases never collides and a re-import finds the row it created before.
public struct Incident: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// Origin database, lower case (`aiid`, `avid`, or the mapping file's `origin`).
    public var origin: String
    public var originID: String
    public var title: String
    /// ISO date `YYYY-MM-DD` (or a prefix `YYYY`, `YYYY-MM` when only that is known), or a period
    /// of years as the origin gave it: `2023-2024`, or `2022-` when it has no end.
    public var date: String?
    public var description: String
    /// Longer text (report excerpts, problem statements) searched but not shown in listings.
    public var reportText: String
    public var sourceURLs: [String]
    public var deployers: [String]
    public var developers: [String]
    public var harmedParties: [String]
    public var modality: Modality?
    /// AI systems or models involved.
    public var systems: [String]
    /// Id of the incident this one duplicates, when the origin says so.
    public var duplicateOf: String?

    public init(origin: String, originID: String, title: String, date: String? = nil, description: String = "",
                reportText: String = "", sourceURLs: [String] = [], deployers: [String] = [],
                developers: [String] = [], harmedParties: [String] = [], modality: Modality? = nil,
                systems: [String] = [], duplicateOf: String? = nil) {
        self.id = Incident.makeID(origin: origin, originID: originID)
        self.origin = origin
        self.originID = originID
        self.title = title
        self.date = date
        self.description = description
        self.reportText = reportText
        self.sourceURLs = sourceURLs
        self.deployers = deployers
        self.developers = developers
        self.harmedParties = harmedParties
        self.modality = modality
        self.systems = systems
        self.duplicateOf = duplicateOf
    }

    public static func makeID(origin: String, originID: String) -> String { "\(origin):\(originID)" }

    /// Year of the incident date (a period's first year), if any.
    public var year: Int? { date.flatMap { Int($0.prefix(4)) } }

    /// The last date the incident covers, for "since" searches: the date itself, through the end of
    /// a period's last year (`2024-12-31` for `2023-2024`), `9999` for a period with no end.
    public var periodEnd: String? {
        guard let date else { return nil }
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        // A period's second part is a year or empty; `2023-06` is a month.
        guard parts.count == 2, parts[1].count != 2 else { return date }
        return parts[1].isEmpty ? "9999" : parts[1] + "-12-31"
    }
}

/// A code an origin database already gave an incident (AIID's MIT risk domain, a CSET field, an
/// AVID risk domain), kept verbatim so it can be mapped, compared and audited later.
public struct ForeignCode: Codable, Sendable, Hashable {
    /// Taxonomy or annotation table, e.g. `MIT`, `CSETv1`, `CSETv1_Annotator-2`, `AVID`.
    public var taxonomy: String
    public var field: String
    public var value: String

    public init(taxonomy: String, field: String, value: String) {
        self.taxonomy = taxonomy
        self.field = field
        self.value = value
    }
}
