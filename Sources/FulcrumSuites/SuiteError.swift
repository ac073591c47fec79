/// A problem found at one place in an input file.
public struct FileProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based line number; nil when the problem concerns the whole file.
    public var line: Int?
    public var itemID: String?
    public var message: String

    public init(path: String, line: Int? = nil, itemID: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.itemID = itemID
        self.message = message
    }

    /// `file:line: [item] message`, the form compilers use, so editors can jump to it.
    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        let item = itemID.map { "item \($0): " } ?? ""
        return "\(place): \(item)\(message)"
    }
}

/// Why a suite or a benchmark release could not be read. Nothing is imported when this is thrown.
public enum SuiteError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid([FileProblem])
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
