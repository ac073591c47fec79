/// Writes RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
public enum CSVWriter {
    public static func field(_ value: String) -> String {
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    public static func document(header: [String], rows: [[String]]) -> String {
        row(header) + rows.map(row).joined()
    }
}
