import Foundation

/// Small validators shared by the importers; each returns nil or throws a reason a user can act on.
enum FieldParsing {
    /// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (optionally followed by a time, which is dropped).
    static func date(_ raw: String?) throws -> String? {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return nil }
        let day = raw.split(separator: "T").first.map(String.init) ?? raw
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1900...2100).contains(year)
        else { throw ParseProblem("date '\(raw)' is not YYYY-MM-DD") }
        if parts.count >= 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else {
                throw ParseProblem("date '\(raw)' has an invalid month")
            }
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let dayNumber = Int(parts[2]), (1...31).contains(dayNumber) else {
                throw ParseProblem("date '\(raw)' has an invalid day")
            }
        }
        return day
    }

    /// An incident's date: a single date as `date` accepts it, or a year range kept as a range,
    /// normalised to `2023-2024` or, open-ended (still going on, or the end not given), `2022-`.
    /// Spaces around the dash and an en dash (`2023 – 2024`) are accepted.
    static func period(_ raw: String?) throws -> String? {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return nil }
        let parts = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
            .map { $0.trimmed }
        func year(_ text: String) -> Int? {
            guard text.count == 4, let y = Int(text), (1900...2100).contains(y) else { return nil }
            return y
        }
        // `2023-06` is a month, `2023-2024` a range: a range's second part is a four-digit year.
        if parts.count == 2, let start = year(parts[0]), parts[1].isEmpty || parts[1].count == 4 {
            if parts[1].isEmpty { return "\(start)-" }
            guard let end = year(parts[1]) else { throw ParseProblem("date '\(raw)' is not YYYY-MM-DD or a year range") }
            guard start <= end else { throw ParseProblem("date range '\(raw)' ends before it starts") }
            return "\(start)-\(end)"
        }
        return try date(raw)
    }

    /// A JSON list of strings or numbers (`["a","b"]`, `[1,2]`); blank means empty.
    static func jsonList(_ raw: String?, column: String) throws -> [String] {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return [] }
        guard let data = raw.data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw ParseProblem("column '\(column)' is not a JSON list")
        }
        return array.compactMap { element in
            if let s = element as? String { return s }
            if let n = element as? NSNumber { return n.stringValue }
            return nil
        }
    }

    /// A list given either as JSON or as text separated by `;` or `|`.
    static func looseList(_ raw: String?) -> [String] {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return [] }
        if raw.hasPrefix("["), let list = try? jsonList(raw, column: "") { return list }
        // The common single value: no separator, no Character-level split.
        if !raw.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "|") }) { return [raw] }
        return raw.split(whereSeparator: { $0 == ";" || $0 == "|" })
            .map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}

/// A reason a single row is skipped.
struct ParseProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
