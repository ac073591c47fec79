import Foundation
import FulcrumCore

/// Input files that cannot be used as they are. Nothing is imported partially.
public enum DataError: Error, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid([LineProblem])
    case empty(file: String)

    /// A shared reader's failure (unreadable file, invalid UTF-8, a quote never closed).
    init(_ error: FileReadError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(file: path, reason: reason)
        case .invalid(let problem): self = .invalid([problem])
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read: \(reason)"
        case .empty(let file): return "\(file): no usable records"
        case .invalid(let problems):
            let shown = problems.prefix(20).map(\.description).joined(separator: "\n  ")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            return "\(problems.count) problem(s) in input:\n  \(shown)\(more)"
        }
    }
}

/// A JSON Lines file's records as `(line, object, error)`, through the shared reader.
func jsonLines(_ url: URL) throws(DataError) -> [(line: Int, object: [String: Any]?, error: String?)] {
    do { return try JSONLinesReader.objects(url).map { ($0.line, $0.object, $0.error) } } catch { throw DataError(error) }
}

/// A CSV file as a table whose header is on `headerLine`, through the shared reader.
func csvTable(_ url: URL, headerLine: Int = 1) throws(DataError) -> CSVTable {
    do { return try CSVTable.read(url, headerLine: headerLine) } catch { throw DataError(error) }
}
