/// A self-contained HTML page: inline CSS, no scripts, no external resources, so a report can be
/// mailed or archived as one file and opened offline.
///
/// ```swift
/// var page = HTMLPage(title: "Incidents")
/// page.addHeading("By category")
/// page.addRaw(BarChart(bars: bars).svg())       // trusted markup produced by this module
/// page.addParagraph("Shares are of coded incidents.")   // escaped
/// let html = page.render()
/// ```
public struct HTMLPage: Sendable {
    public var title: String
    /// Body fragments in order; each is already-safe markup.
    public private(set) var fragments: [String] = []

    public init(title: String) { self.title = title }

    public mutating func addHeading(_ text: String, level: Int = 2) {
        let h = min(6, max(1, level))
        fragments.append("<h\(h)>\(HTML.escape(text))</h\(h)>")
    }

    public mutating func addParagraph(_ text: String, className: String? = nil) {
        let cls = className.map { " class=\"\(HTML.escape($0))\"" } ?? ""
        fragments.append("<p\(cls)>\(HTML.escape(text))</p>")
    }

    /// A table of plain text cells (all escaped). The first row is the header.
    public mutating func addTable(header: [String], rows: [[String]]) {
        var html = "<table><thead><tr>"
        html += header.map { "<th>\(HTML.escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        html += "</tbody></table>"
        fragments.append(html)
    }

    /// Markup the caller vouches for (e.g. a chart from `BarChart`). Never pass untrusted text here.
    public mutating func addRaw(_ markup: String) { fragments.append(markup) }

    public func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>
        \(fragments.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static let css = """
    body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;\
    padding:0 1em;color:#1d2330;line-height:1.45}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;\
    border-bottom:1px solid #dde1e8;padding-bottom:.2em}table{border-collapse:collapse;margin:1em 0;\
    font-size:.9em}th,td{border:1px solid #dde1e8;padding:.3em .6em;text-align:left}th{background:#f3f5f8}\
    td:not(:first-child){font-variant-numeric:tabular-nums}.note{color:#5b6475;font-size:.9em}\
    svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#1d2330}
    """
}
