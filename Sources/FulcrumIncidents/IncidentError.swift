import Foundation
import FulcrumCore

/// Errors of the incident repository, each naming the file, line or incident it concerns.
public enum IncidentError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case invalidFile(path: String, line: Int?, reason: String)
    /// `namedOnLine`: a later line that names every column (a title row sits above the header).
    case missingColumns(path: String, columns: [String], namedOnLine: Int? = nil)
    case invalidMapping(path: String, reason: String)
    case unknownIncident(String)
    case unknownCategory(String)
    case unknownLifecycleStage(String)
    case invalidValue(field: String, value: String, expected: String)
    case invalidQuery(query: String, reason: String)
    case database(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .invalidFile(let path, let line, let reason):
            line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
        case .missingColumns(let path, let columns, let line):
            "\(path): missing required column(s): \(columns.joined(separator: ", "))"
                + (line.map { "; " + CSVTable.titleRowHint(line: $0) } ?? "")
        case .invalidMapping(let path, let reason): "\(path): invalid column mapping: \(reason)"
        case .unknownIncident(let id): "no incident with id '\(id)' (try `fulcrum incidents search`)"
        case .unknownCategory(let ref): "unknown GVS category '\(ref)' (see `fulcrum taxonomy`)"
        case .unknownLifecycleStage(let ref):
            "unknown lifecycle stage '\(ref)' (use data, model-building or deployment)"
        case .invalidValue(let field, let value, let expected): "invalid \(field) '\(value)': expected \(expected)"
        case .invalidQuery(let query, let reason):
            "cannot search for '\(query)': \(reason)"
        case .database(let reason): "incident database: \(reason)"
        }
    }
}

extension IncidentError {
    /// A shared reader's failure in the repository's own terms (same `file:line: problem` text).
    init(_ error: FileReadError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .invalid(let problem): self = .invalidFile(path: problem.path, line: problem.line, reason: problem.message)
        }
    }
}

extension CSVTable {
    /// Reads a CSV table, failing with an `IncidentError`.
    static func incidentTable(_ url: URL, headerLine: Int = 1) throws(IncidentError) -> CSVTable {
        do { return try read(url, headerLine: headerLine) } catch { throw IncidentError(error) }
    }
}
