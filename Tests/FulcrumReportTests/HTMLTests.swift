import Testing
@testable import FulcrumReport

struct HTMLTests {
    @Test func escapesAllSpecialCharacters() {
        #expect(HTML.escape(#"<script>alert("x") & 'y'</script>"#)
                == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
        #expect(HTML.escape("plain été 中文") == "plain été 中文")
    }

    @Test func pageEscapesTitleTextAndTableCells() {
        var page = HTMLPage(title: "A <b>report</b>")
        page.addHeading("H & <i>")
        page.addParagraph("<img src=x onerror=1>")
        page.addTable(header: ["<th>"], rows: [["<td>\"q\""]])
        let html = page.render()
        #expect(html.contains("<title>A &lt;b&gt;report&lt;/b&gt;</title>"))
        #expect(html.contains("<h2>H &amp; &lt;i&gt;</h2>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<td>&lt;td&gt;&quot;q&quot;</td>"))
        #expect(!html.contains("<script"), "self-contained page has no scripts")
        #expect(!html.contains("http://") || html.contains("http://www.w3.org") == false)
    }

    @Test func barChartDrawsBarsWhiskersAndEscapesLabels() {
        let chart = BarChart(bars: [
            .init(label: "Privacy <&>", value: 0.5, lower: 0.4, upper: 0.6),
            .init(label: "Other", value: 0.25),
        ], maximum: 1, labelWidth: 100, plotWidth: 200)
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("Privacy &lt;&amp;&gt;"))
        #expect(!svg.contains("Privacy <&>"))
        #expect(svg.contains("width=\"100.0\""), "0.5 of a 200-px plot is 100 px")
        #expect(svg.contains("width=\"50.0\""))
        // One whisker (3 lines) for the bar with a CI, none for the other.
        #expect(svg.components(separatedBy: "<line").count - 1 == 3)
        #expect(svg.contains("x1=\"180.0\" x2=\"220.0\""), "CI 0.4–0.6 maps to 180–220 px")
    }
}
