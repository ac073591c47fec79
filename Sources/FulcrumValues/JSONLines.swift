import Foundation

/// Reads a JSON Lines file as objects, one per non-blank line, with 1-based line numbers.
enum JSONLines {
    static func objects(_ url: URL) throws(DataError) -> [(line: Int, object: [String: Any]?, error: String?)] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadable(file: url.path, reason: error.localizedDescription) }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(file: url.path, reason: "not UTF-8 text") }
        var out: [(Int, [String: Any]?, String?)] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmedWhitespace
            if trimmed.isEmpty { continue }
            do {
                if let object = try JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] {
                    out.append((i + 1, object, nil))
                } else {
                    out.append((i + 1, nil, "not a JSON object"))
                }
            } catch {
                out.append((i + 1, nil, "malformed JSON"))
            }
        }
        return out
    }
}
