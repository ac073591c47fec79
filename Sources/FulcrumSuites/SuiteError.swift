import Foundation
import FulcrumCore

/// Why a suite or a benchmark release could not be read. Nothing is imported when this is thrown.
public enum SuiteError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid([LineProblem])
    case unknownSuite(String)
    case itemNotFound(id: String, suite: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .invalid(let problems):
            let shown = problems.prefix(20).map(\.description)
            let more = problems.count > 20 ? ["… and \(problems.count - 20) more problems"] : []
            return (shown + more).joined(separator: "\n")
        case .unknownSuite(let name):
            return "no suite '\(name)': give a suite file path, or 'starter' for the built-in suite"
        case .itemNotFound(let id, let suite): return "no item '\(id)' in suite '\(suite)'"
        }
    }
}

extension SuiteError {
    /// A shared reader's failure (unreadable file, a line that is not UTF-8).
    init(_ error: FileReadError) {
        switch error {
        case .unreadable(let path, let reason): self = .unreadable(path: path, reason: reason)
        case .invalid(let problem): self = .invalid([problem])
        }
    }
}

/// A text file's lines (LF or CRLF, byte-order mark dropped), so index + 1 is the line number.
func textLines(of url: URL) throws(SuiteError) -> [String] {
    do { return try TextLines.strings(of: url) } catch { throw SuiteError(error) }
}
