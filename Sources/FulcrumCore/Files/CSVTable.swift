import Foundation

/// A CSV file read as a header plus rows addressed by column name. The header is the record on
/// `headerLine` (1 unless a spreadsheet export puts a title above it); records before it are not
/// data. Rows keep their file lines, so problems name the real line either way.
///
/// ```swift
/// let table = try CSVTable.read(url, headerLine: 3)   // title and a blank row above the header
/// table.value(table.rows[0], "title")
/// ```
package struct CSVTable: Sendable {
    package var path: String
    package var header: [String]
    package var headerLine: Int
    package var rows: [CSVRecord]
    private var index: [String: Int]
    private var lowercasedIndex: [String: Int]

    package init(path: String, records: [CSVRecord], headerLine: Int = 1) throws(FileReadError) {
        guard let headerAt = records.firstIndex(where: { $0.line >= headerLine }) else {
            let message = headerLine == 1 ? "empty file: no header row" : "no header row: the file ends before line \(headerLine)"
            throw .invalid(LineProblem(path: path, message: message))
        }
        guard records[headerAt].line == headerLine else {
            throw .invalid(LineProblem(path: path, line: headerLine, message: "no CSV row starts on this line, so it cannot be the header"))
        }
        self.path = path
        self.headerLine = headerLine
        header = records[headerAt].fields.map { $0.trimmed }
        rows = Array(records[(headerAt + 1)...])
        // First occurrence wins: CSETv1 repeats "AI System" and the first is the one that matters.
        var index: [String: Int] = [:], lowercasedIndex: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if index[name] == nil { index[name] = i }
            if lowercasedIndex[name.lowercased()] == nil { lowercasedIndex[name.lowercased()] = i }
        }
        self.index = index
        self.lowercasedIndex = lowercasedIndex
    }

    package static func read(_ url: URL, headerLine: Int = 1) throws(FileReadError) -> CSVTable {
        try CSVTable(path: url.path, records: CSVReader.read(url), headerLine: headerLine)
    }

    package func column(_ name: String) -> Int? { index[name] }

    /// `column`, ignoring case: spreadsheets capitalise names ("Question").
    package func column(anyCase name: String) -> Int? { lowercasedIndex[name.lowercased()] }

    /// Field `name` of a row, trimmed; nil when missing or blank.
    package func value(_ row: CSVRecord, _ name: String) -> String? { trimmedField(row, index[name]) }

    /// `value`, with the column named in any case.
    package func value(_ row: CSVRecord, anyCase name: String) -> String? { trimmedField(row, column(anyCase: name)) }

    private func trimmedField(_ row: CSVRecord, _ i: Int?) -> String? {
        guard let i, i < row.fields.count else { return nil }
        let v = row.fields[i].trimmed
        return v.isEmpty ? nil : v
    }

    /// The file line of the first of the next `lookahead` rows that names every one of `columns`,
    /// for an error when this header does not: a spreadsheet's title row above the column names is
    /// the usual cause, and the line found is the one to read as the header.
    package func laterLineNaming(_ columns: [String], ignoringCase: Bool = true, lookahead: Int = 20) -> Int? {
        let fold = { (name: String) in ignoringCase ? name.lowercased() : name }
        let wanted = columns.map(fold)
        return rows.prefix(lookahead).first { row in
            let names = Set(row.fields.map { fold($0.trimmed) })
            return wanted.allSatisfy(names.contains)
        }?.line
    }

    /// What an error about missing `columns` adds when a later line names them (`what`): that line and
    /// the flag that reads the file from it; nil when no line near the top does.
    package func titleRowHint(_ columns: [String], naming what: String = "them", ignoringCase: Bool = true) -> String? {
        laterLineNaming(columns, ignoringCase: ignoringCase).map { Self.titleRowHint(line: $0, naming: what) }
    }

    package static func titleRowHint(line: Int, naming what: String = "them") -> String {
        "line \(line) names \(what), so a title sits above the column names: give the header's line (--header-row \(line))"
    }

    /// Why a row cannot be used structurally, or nil when it is well formed.
    package func structuralProblem(_ row: CSVRecord) -> String? {
        if let problem = row.problem { return problem }
        if row.fields.count != header.count {
            return "has \(row.fields.count) fields, header has \(header.count)"
        }
        return nil
    }
}
