import Foundation
import FulcrumTestSupport
import Testing
import FulcrumCore
@testable import FulcrumReport

/// Model answers and prompts are untrusted: the HTML report must show them as text and run nothing.
@Suite struct BenchmarkHTMLTests {
    static let payloads = [
        "<script>document.title='pwned-script'</script>",
        "<img src=x onerror=\"document.title='pwned-img'\">",
        "\"><svg onload=alert(1)>",
        "</pre></details><iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a> & 'quotes'",
    ]

    static func hostileReport() -> BenchmarkReport {
        var rows: [ScoredAnswer] = []
        for (i, payload) in payloads.enumerated() {
            rows.append(ScoredAnswer(model: "model<b>\(i % 2)</b>", itemID: "item-\(i)<i>", category: "baseline.life-safety", modality: .text,
                                     language: i % 2 == 0 ? .en : .zh, judge: "judge\"<x>", score: Double(i * 2), parseStatus: .parsed,
                                     reason: "reason " + payload, prompt: "prompt " + payload, answer: "answer " + payload))
            rows.append(ScoredAnswer(model: "model<b>\(i % 2)</b>", itemID: "item-\(i)<i>", category: "baseline.life-safety", modality: .text,
                                     language: i % 2 == 0 ? .en : .zh, judge: "native", score: nil, parseStatus: .unparseable))
        }
        return BenchmarkReportBuilder().build(rows, title: "Report <script>alert('title')</script>")
    }

    @Test func escapesEveryPieceOfUntrustedText() {
        let html = BenchmarkHTML.render(Self.hostileReport())
        for tag in ["<script", "<img", "<iframe", "<a ", "<svg onload", "model<b>", "<i>", "<x>"] {
            #expect(!html.contains(tag), "raw \(tag) in the page")
        }
        #expect(html.contains("&lt;script&gt;document.title=&#39;pwned-script&#39;&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("<svg xmlns"))   // the page's own charts
        #expect(html.contains("N/A"))
    }

    /// Opens the page in headless Chromium and reads back the DOM it built.
    @Test func rendersInAHeadlessBrowserWithoutRunningInjectedScript() async throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
            #expect(!inCI, "Chromium must be installed in CI (scripts/test.sh installs it)")
            print("skipped: no Chromium on this machine (apt-get install chromium)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("report.html")
        try BenchmarkHTML.render(Self.hostileReport()).write(to: file, atomically: true, encoding: .utf8)

        let browser = try await ChildProcess.run(URL(fileURLWithPath: chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir.path)/profile",
            "--virtual-time-budget=2000", "--dump-dom", file.absoluteString])
        let dom = browser.stdoutText

        #expect(browser.status == 0)
        #expect(dom.contains("<h1>Report &lt;script&gt;alert('title')&lt;/script&gt;</h1>"), "the title renders as text")
        // The payloads would set document.title; the title must still be the report's own.
        let title = dom.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first
        #expect(title == "Report &lt;script&gt;alert('title')&lt;/script&gt;", "an injected script changed the page")
        for element in ["<img", "<iframe", "<script", "<a "] {
            #expect(!dom.contains(element), "the browser built a \(element) element from model text")
        }
        #expect(dom.contains("answer &lt;img src=x onerror="), "the payload shows as text")
        #expect(dom.components(separatedBy: "<details class=\"answer\">").count - 1 == Self.payloads.count)
    }
}
