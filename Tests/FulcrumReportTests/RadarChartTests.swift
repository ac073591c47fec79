import Testing
import FulcrumCore
@testable import FulcrumReport

@Suite struct RadarChartTests {
    @Test func radarChartEscapesNames() {
        let svg = RadarChart.svg([("<script>alert('x')</script> & co", ValueVector([.security: 1]))])
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }
}
