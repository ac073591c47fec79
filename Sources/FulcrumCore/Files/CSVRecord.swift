/// One CSV record with the file line it starts on (1-based), so problems can name file:line even
/// when quoted fields span several lines.
package struct CSVRecord: Sendable, Hashable {
    package var line: Int
    package var fields: [String]
    /// Set when the record breaks RFC 4180 in a recoverable way (e.g. a quote inside an unquoted
    /// field); callers skip or refuse such a record and report this text.
    package var problem: String?

    package init(line: Int, fields: [String], problem: String? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}
