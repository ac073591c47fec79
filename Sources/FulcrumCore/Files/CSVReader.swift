import Foundation

/// The one CSV reader: RFC 4180 with a comma separator, fields optionally in double quotes, `""` for
/// a quote inside a quoted field, CRLF or LF line ends, line breaks allowed inside quoted fields
/// (normalised to LF, so text does not depend on the writer's OS), optional UTF-8 byte-order mark,
/// blank lines skipped. Our own rather than a package because importers must report the starting
/// line of every bad record, which the available packages do not expose.
///
/// A stray quote makes that record's `problem`; a quote never closed fails the file, since no later
/// row can be trusted.
///
/// ```swift
/// let records = try CSVReader.read(url)          // first record is usually the header
/// records[1].line                                 // file line of the first data row
/// ```
package enum CSVReader {
    package static func read(_ url: URL) throws(FileReadError) -> [CSVRecord] {
        try parse(try TextLines.contents(of: url), path: url.path)
    }

    package static func parse(_ text: String, path: String = "<text>") throws(FileReadError) -> [CSVRecord] {
        try parse(Data(text.utf8), path: path)
    }

    package static func parse(_ data: Data, path: String) throws(FileReadError) -> [CSVRecord] {
        // TextLines drops the byte-order mark and names a line that is not UTF-8.
        let bytes = try TextLines(data: data, path: path).bytes
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var i = 0
        var line = 1
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var problem: String?
        var inQuotes = false
        var wasQuoted = false
        var atFieldStart = true

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            atFieldStart = true
        }
        func endRecord() {
            endField()
            // A blank line is not a record (it would be one empty field).
            if !(fields.count == 1 && fields[0].isEmpty && problem == nil) {
                records.append(CSVRecord(line: recordLine, fields: fields, problem: problem))
            }
            fields.removeAll(keepingCapacity: true)
            problem = nil
        }

        var quoteOpenedLine = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count && bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    i += 1
                    continue
                }
                if b == lf { line += 1 }
                if b == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1; continue }
                field.append(b)
                i += 1
                continue
            }
            switch b {
            case quote:
                if atFieldStart {
                    inQuotes = true
                    wasQuoted = true
                    atFieldStart = false
                    quoteOpenedLine = line
                } else {
                    if problem == nil {
                        problem = wasQuoted ? "text after a closing quote in field \(fields.count + 1)"
                            : "quote inside an unquoted field \(fields.count + 1)"
                    }
                    field.append(b)
                }
                i += 1
            case comma:
                endField()
                i += 1
            case cr, lf:
                endRecord()
                if b == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
                i += 1
                line += 1
                recordLine = line
            default:
                if wasQuoted && problem == nil { problem = "text after a closing quote in field \(fields.count + 1)" }
                atFieldStart = false
                field.append(b)
                i += 1
            }
        }
        if inQuotes {
            throw .invalid(LineProblem(path: path, line: quoteOpenedLine, message: "quoted field opened here is never closed"))
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
