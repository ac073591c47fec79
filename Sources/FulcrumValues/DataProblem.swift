/// One problem in an input file, located by file and line.
public struct DataProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Input files that cannot be used as they are. Nothing is imported partially.
public enum DataError: Error, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid([DataProblem])
    case empty(file: String)

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
