import Foundation

/// Where incidents come from, and the one call that imports any of them: what every front end's
/// "import incidents" does.
public enum IncidentSource: Sendable, Hashable {
    /// An AI Incident Database snapshot folder.
    case aiid(directory: URL)
    /// A folder of AVID report and vulnerability JSON files (searched recursively).
    case avid(directory: URL)
    /// Any CSV or JSONL file, with a column-mapping JSON file describing it; a CSV's header is on
    /// file line `headerLine` (a spreadsheet export may start with a title row).
    case mapped(file: URL, mapping: URL, headerLine: Int = 1)

    /// Imports idempotently (a re-import updates, never duplicates); bad rows are skipped and listed.
    public func importIncidents(into store: IncidentStore) throws -> ImportSummary {
        switch self {
        case .aiid(let directory): try AIIDImporter(directory: directory).run(into: store)
        case .avid(let directory): try AVIDImporter(directory: directory).run(into: store)
        case .mapped(let file, let mapping, let headerLine):
            try MappedImporter(file: file, mapping: ColumnMapping.load(mapping), headerLine: headerLine).run(into: store)
        }
    }
}
