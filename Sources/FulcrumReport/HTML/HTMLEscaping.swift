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
}
