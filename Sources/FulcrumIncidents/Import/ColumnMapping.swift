import Foundation
import FulcrumCore

/// How the columns (CSV) or keys (JSONL) of another incident database map onto Fulcrum's fields, so
/// AIAAIC, OECD AIM or a team spreadsheet import without code. A JSON file:
///
/// ```json
/// {
///   "origin": "aiaaic",
///   "columns": {
///     "id": "AIAAIC ID#", "title": "Headline", "date": "Occurred", "description": "Summary",
///     "reportText": ["Issue", "Transparency"], "sourceURLs": "Links", "deployers": "Deployer",
///     "developers": "Developer", "harmedParties": "Affected", "systems": "System name",
///     "modality": "Media"
///   },
///   "foreignCodes": { "taxonomy": "AIAAIC", "fields": ["Issue", "Sector"] }
/// }
/// ```
/// `id` and `title` are required; every other field is optional. List fields accept a JSON array or
/// text separated by `;` or `|`. `modality` values must be text, image, video or audio (blank means
/// inferred from the text). Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a year period (`2023-2024`,
/// `2022-`) kept as given. A CSV whose header is not on its first line is read with
/// `MappedImporter(file:mapping:headerLine:)`.
public struct ColumnMapping: Codable, Sendable, Hashable {
    public struct Columns: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var date: String?
        public var description: String?
        public var reportText: [String]?
        public var sourceURLs: String?
        public var deployers: String?
        public var developers: String?
        public var harmedParties: String?
        public var systems: String?
        public var modality: String?

        public init(id: String, title: String, date: String? = nil, description: String? = nil,
                    reportText: [String]? = nil, sourceURLs: String? = nil, deployers: String? = nil,
                    developers: String? = nil, harmedParties: String? = nil, systems: String? = nil,
                    modality: String? = nil) {
            self.id = id
            self.title = title
            self.date = date
            self.description = description
            self.reportText = reportText
            self.sourceURLs = sourceURLs
            self.deployers = deployers
            self.developers = developers
            self.harmedParties = harmedParties
            self.systems = systems
            self.modality = modality
        }

        /// Every source column the mapping reads.
        var all: [String] {
            [id, title] + [date, description, sourceURLs, deployers, developers, harmedParties, systems, modality]
                .compactMap { $0 } + (reportText ?? [])
        }
    }

    public struct ForeignCodes: Codable, Sendable, Hashable {
        public var taxonomy: String
        public var fields: [String]
    }

    /// Origin name, lower case letters, digits and `-` (becomes the id prefix `origin:`).
    public var origin: String
    public var columns: Columns
    public var foreignCodes: ForeignCodes?

    public init(origin: String, columns: Columns, foreignCodes: ForeignCodes? = nil) {
        self.origin = origin
        self.columns = columns
        self.foreignCodes = foreignCodes
    }

    public static func load(_ url: URL) throws -> ColumnMapping {
        let mapping: ColumnMapping
        do { mapping = try JSONDecoder().decode(ColumnMapping.self, from: Data(contentsOf: url)) } catch {
            throw IncidentError.invalidMapping(path: url.path, reason: JSONErrorDescription.describe(error))
        }
        try mapping.validate(path: url.path)
        return mapping
    }

    func validate(path: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard !origin.isEmpty, origin.allSatisfy(allowed.contains) else {
            throw IncidentError.invalidMapping(path: path, reason: "origin '\(origin)' must be lower-case letters, digits or '-'")
        }
        if [AIIDImporter.origin, AVIDImporter.origin].contains(origin) {
            throw IncidentError.invalidMapping(path: path, reason: "origin '\(origin)' is reserved for its own importer")
        }
    }
}
