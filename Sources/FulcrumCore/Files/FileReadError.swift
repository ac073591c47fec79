/// Why a shared reader could not give a file's lines or records: the file cannot be read at all, or
/// its text breaks the format at one line (invalid UTF-8, a quote never closed).
public enum FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(LineProblem)

    /// Why a file's bytes could not be turned into text, before any line is read.
    package struct Reason: Error, Sendable {
        package var text: String
        package init(_ text: String) { self.text = text }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .invalid(let problem): problem.description
        }
    }
}
