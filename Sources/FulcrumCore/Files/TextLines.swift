import Foundation

/// A text file as numbered lines: UTF-8, an optional byte-order mark dropped, LF or CRLF line ends
/// (the CR is not part of the line), gzipped or not. Every reader of line-based files (JSON Lines, suites, GVS-Bench
/// prompts) goes through here, so a file saved on Windows or by a spreadsheet reads like any other.
///
/// ```swift
/// let text = try TextLines(contentsOf: url)
/// for line in text.lines { print(line.number, text.string(line)) }
/// ```
package struct TextLines: Sendable {
    /// One line: its 1-based number in the file and its bytes in `bytes`, line end excluded.
    package struct Line: Sendable, Hashable {
        package var number: Int
        package var range: Range<Int>
    }

    package let path: String
    /// The file's bytes without the byte-order mark.
    package let bytes: [UInt8]
    /// Every line, blank ones included; a final line end does not start another line.
    package let lines: [Line]

    package init(contentsOf url: URL) throws(FileReadError) {
        try self.init(data: try Self.contents(of: url), path: url.path)
    }

    /// A file's bytes, decompressed when it is gzipped (by its `.gz` name or its magic number).
    package static func contents(of url: URL) throws(FileReadError) -> Data {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        guard url.pathExtension == "gz" || Gunzip.isGzip(data) else { return data }
        do { return try Gunzip.decompress(data) } catch { throw .unreadable(path: url.path, reason: error.text) }
    }

    /// Fails naming the first line that is not valid UTF-8.
    package init(data: Data, path: String) throws(FileReadError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.path = path
        self.bytes = bytes
        lines = Self.split(bytes)
        if String(validating: bytes, as: UTF8.self) == nil {
            let bad = lines.first { String(validating: bytes[$0.range], as: UTF8.self) == nil }
            throw .invalid(LineProblem(path: path, line: bad?.number, message: "not valid UTF-8"))
        }
    }

    /// Splits on LF bytes in the raw buffer: String-level splitting is slow on Linux at 100,000
    /// lines, and treats CRLF as one character that a split on "\n" never finds.
    private static func split(_ bytes: [UInt8]) -> [Line] {
        bytes.withUnsafeBufferPointer { buffer in
            var lines: [Line] = []
            var start = 0
            var number = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                number += 1
                let contentEnd = end > start && buffer[end - 1] == 0x0D ? end - 1 : end
                lines.append(Line(number: number, range: start..<contentEnd))
                start = end + 1
            }
            return lines
        }
    }

    package func string(_ line: Line) -> String { String(decoding: bytes[line.range], as: UTF8.self) }

    /// True when the line holds only spaces and tabs.
    package func isBlank(_ line: Line) -> Bool {
        bytes[line.range].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Every line as text, blank lines included, so index + 1 is the line number.
    package static func strings(of url: URL) throws(FileReadError) -> [String] {
        let text = try TextLines(contentsOf: url)
        return text.lines.map(text.string)
    }
}
