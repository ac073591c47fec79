import Foundation

/// Reads a text file as UTF-8 lines, naming the first line that is not valid UTF-8.
/// Accepts LF and CRLF line endings and a leading byte-order mark.
enum TextFile {
    static func lines(of url: URL) throws -> [String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SuiteError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lines: [String] = []
        var lineNumber = 0
        for var raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.last == UInt8(ascii: "\r") { raw = raw.dropLast() }
            guard let line = String(validating: raw, as: UTF8.self) else {
                throw SuiteError.invalid([FileProblem(path: url.path, line: lineNumber, message: "not valid UTF-8")])
            }
            lines.append(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
