import Foundation

/// Reads JSON Lines: one JSON value per non-blank line, numbered by file line (see `TextLines` for
/// line ends and the byte-order mark).
///
/// ```swift
/// for record in try JSONLinesReader.objects(url) {
///     guard let object = record.object else { print("\(url.path):\(record.line): \(record.error!)"); continue }
/// }
/// ```
package enum JSONLinesReader {
    /// One non-blank line, decoded as a JSON object (`object`) or not (`error` says why).
    package struct Record: @unchecked Sendable {
        package var line: Int
        package var object: [String: Any]?
        package var error: String?
    }

    /// The file's lines that are not blank; parse them with any JSON reader.
    package static func lines(_ url: URL) throws(FileReadError) -> (text: TextLines, lines: [TextLines.Line]) {
        let text = try TextLines(contentsOf: url)
        return (text, text.lines.filter { !text.isBlank($0) })
    }

    /// Every non-blank line through `JSONSerialization`: "malformed JSON" or "not a JSON object" when
    /// a line is not an object.
    package static func objects(_ url: URL) throws(FileReadError) -> [Record] {
        let (text, lines) = try lines(url)
        return lines.map { line in
            let data = Data(text.bytes[line.range])
            guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                return Record(line: line.number, object: nil, error: "malformed JSON")
            }
            guard let object = value as? [String: Any] else {
                return Record(line: line.number, object: nil, error: "not a JSON object")
            }
            return Record(line: line.number, object: object, error: nil)
        }
    }
}
