/// The one CSV writer: RFC 4180, CRLF line ends, fields with a comma, quote or line break quoted
/// and quotes doubled.
///
/// Every CSV Fulcrum writes may be opened in a spreadsheet, and fields often hold model answers or
/// imported text, so a field a spreadsheet would run as a formula is neutralised (OWASP "CSV
/// injection"): when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return it gets a leading
/// `'` and is quoted. A plain number (`-0.5`, `-12`, `3e-4`; no leading `+`) is left as it is, so
/// scores stay numbers. A field that already looks neutralised (`'=x`) gets a `'` too, so that
/// `restored` undoes exactly what was added when Fulcrum reads its own file back.
package enum CSVWriter {
    package static func field(_ value: String) -> String {
        if needsNeutralising(value) || looksNeutralised(value) {
            return "\"'" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    package static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    package static func document(header: [String], rows: [[String]]) -> String {
        row(header) + rows.map(row).joined()
    }

    /// A field as it was before `field` neutralised it: one leading `'` dropped where `field` added it.
    package static func restored(_ value: String) -> String {
        looksNeutralised(value) ? String(value.dropFirst()) : value
    }

    /// `'` followed by what `field` would neutralise (or by another such `'`).
    static func looksNeutralised(_ value: String) -> Bool {
        guard value.hasPrefix("'") else { return false }
        let rest = String(value.dropFirst())
        return needsNeutralising(rest) || looksNeutralised(rest)
    }

    /// True when a spreadsheet could read `value` as a formula.
    static func needsNeutralising(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return !isPlainNumber(value)
    }

    /// `-?digits[.digits][e[+-]digits]`, the way Fulcrum writes numbers.
    static func isPlainNumber(_ value: String) -> Bool {
        var s = Substring(value)
        if s.first == "-" { s = s.dropFirst() }
        func digits() -> Int {
            let n = s.prefix(while: { $0.isASCII && $0.isNumber }).count
            s = s.dropFirst(n)
            return n
        }
        guard digits() > 0 else { return false }
        if s.first == "." {
            s = s.dropFirst()
            guard digits() > 0 else { return false }
        }
        if s.first == "e" || s.first == "E" {
            s = s.dropFirst()
            if s.first == "+" || s.first == "-" { s = s.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return s.isEmpty
    }
}
