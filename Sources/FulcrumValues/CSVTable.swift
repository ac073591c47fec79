import Foundation

/// A small RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes), enough for
/// the safety data sets. Rows carry the 1-based line on which they start, for error messages.
struct CSVTable {
    var header: [String]
    var rows: [(line: Int, fields: [String])]

    static func load(_ url: URL) throws(DataError) -> CSVTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(file: url.path, reason: error.localizedDescription) }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(file: url.path, reason: "not UTF-8 text") }
        var records: [(Int, [String])] = []
        var field = "", fields: [String] = []
        var inQuotes = false, line = 1, recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",": fields.append(field); field = ""
            case "\r": break
            case "\n":
                fields.append(field); field = ""
                records.append((recordLine, fields)); fields = []
                line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append((recordLine, fields)) }
        guard let first = records.first else { throw .empty(file: url.path) }
        let header = first.1.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.dropFirst().filter { !($0.1.count == 1 && $0.1[0].isEmpty) }.map { (line: $0.0, fields: $0.1) }
        return CSVTable(header: header, rows: rows)
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
