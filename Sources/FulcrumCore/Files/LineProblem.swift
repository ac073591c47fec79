/// A problem at one place in an input file, shown as `file:line: problem` (the form compilers use,
/// so editors can jump to it). The one such type for every reader and importer.
public struct LineProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    /// 1-based line of the file; nil when the problem concerns the whole file.
    public var line: Int?
    /// The suite item concerned, when known.
    public var itemID: String?
    public var message: String

    public init(path: String, line: Int? = nil, itemID: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.itemID = itemID
        self.message = message
    }

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        let item = itemID.map { "item \($0): " } ?? ""
        return "\(place): \(item)\(message)"
    }
}
