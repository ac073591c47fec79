import Foundation

/// One CSV record with the physical line it starts on (1-based), so problems can name file:line even
/// when quoted fields span several lines.
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]
    /// Set when the record breaks RFC 4180 in a recoverable way (e.g. a quote inside an unquoted
    /// field); the importer skips such a record and reports this text.
    public var problem: String?
}

/// A strict RFC 4180 reader: comma separator, fields optionally in double quotes, `""` for a quote
/// inside a quoted field, CRLF or LF line ends, line breaks allowed inside quoted fields, optional
/// UTF-8 byte-order mark. Line breaks inside quoted fields are normalised to LF. We use our own reader rather than a package because importers must report
/// the starting line of every bad record, which the available packages do not expose.
///
/// ```swift
/// let records = try CSVReader.read(url)          // first record is the header
/// records[1].line                                 // physical line of the first data row
/// ```
public enum CSVReader {
    public static func read(_ url: URL) throws -> [CSVRecord] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw IncidentError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try parse(data, path: url.path)
    }

    public static func parse(_ text: String, path: String = "<text>") throws -> [CSVRecord] {
        try parse(Data(text.utf8), path: path)
    }

    public static func parse(_ data: Data, path: String) throws -> [CSVRecord] {
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw IncidentError.invalidFile(path: path, line: nil, reason: "not valid UTF-8 text")
        }
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
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
                // CRLF inside a quoted field becomes LF, so text does not depend on the writer's OS.
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
            // Everything after the opening quote was swallowed; no later row can be trusted.
            throw IncidentError.invalidFile(path: path, line: quoteOpenedLine,
                                            reason: "quoted field opened here is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}

/// A CSV file read as a header plus rows addressed by column name.
public struct CSVTable: Sendable {
    public var path: String
    public var header: [String]
    public var rows: [CSVRecord]
    private var index: [String: Int]

    public init(path: String, records: [CSVRecord]) throws {
        guard let first = records.first else {
            throw IncidentError.invalidFile(path: path, line: nil, reason: "empty file: no header row")
        }
        self.path = path
        header = first.fields.map { $0.trimmed }
        rows = Array(records.dropFirst())
        // First occurrence wins: CSETv1 repeats "AI System" and the first is the one that matters.
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
    }

    public static func read(_ url: URL) throws -> CSVTable {
        try CSVTable(path: url.path, records: CSVReader.read(url))
    }

    public func column(_ name: String) -> Int? { index[name] }

    /// Field `name` of a row, trimmed; nil when missing or blank.
    public func value(_ row: CSVRecord, _ name: String) -> String? {
        guard let i = index[name], i < row.fields.count else { return nil }
        let v = row.fields[i].trimmed
        return v.isEmpty ? nil : v
    }

    /// Why a row cannot be used structurally, or nil when it is well formed.
    public func structuralProblem(_ row: CSVRecord) -> String? {
        if let problem = row.problem { return problem }
        if row.fields.count != header.count {
            return "has \(row.fields.count) fields, header has \(header.count)"
        }
        return nil
    }
}
