import Foundation
import FulcrumCore

/// Encoding of string lists into one TEXT column (a JSON array) and a cheap content fingerprint.
/// Hand-written because the importer encodes hundreds of thousands of rows and JSONEncoder per row
/// would dominate import time.
enum StoredLists {
    static func encode(_ list: [String]) -> String {
        var out = "["
        for (i, s) in list.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            // Most values need no escaping: append them whole rather than scalar by scalar.
            if !s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
                out += s
                out += "\""
                continue
            }
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
    }

    static func decode(_ text: String?) -> [String] {
        guard let text, let data = text.data(using: .utf8),
              let list = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return list
    }

    /// FNV-1a 64 over the given parts with a separator that cannot occur in UTF-8 text.
    static func fingerprint(_ parts: [String]) -> String {
        var hash = FNV1a()
        for part in parts {
            hash.add(part)
            hash.endPart()
        }
        return hash.hex
    }
}
