/// Escaping for text placed in HTML, including inside attribute values and inline SVG.
///
/// ```swift
/// "<b>\(HTML.escape(title))</b>"   // title = "A & B <script>" → "A &amp; B &lt;script&gt;"
/// ```
public enum HTML {
    /// Escapes the five characters that can end a text node or an attribute value. Every piece of
    /// untrusted text (incident descriptions, model outputs, prompts) must pass through this.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Escaping for XML 1.0 documents (SVG, JUnit): as `escape`, and control characters other than
    /// tab and newlines, which XML forbids, are dropped.
    public static func xml(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in escape(text).unicodeScalars where !(scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") {
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
