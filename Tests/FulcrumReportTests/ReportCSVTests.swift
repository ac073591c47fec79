import Foundation
import Testing
import FulcrumCore
@testable import FulcrumReport

/// `report --format csv` neutralises formula text (model names come from users and other tools) and
/// keeps numbers, negative ones included, as numbers.
@Suite struct ReportCSVTests {
    static let formulas = ["=HYPERLINK(\"http://x\",\"click\")", "+1", "-2+3", "@SUM(A1)", "\tTab first", "\rCR first"]

    @Test func formulaModelNamesAreNeutralisedNumbersAreNot() throws {
        var rows = Self.formulas.map { BenchmarkReportTests.row($0, "1", BenchmarkReportTests.life, judge: "j1", 5) }
        rows.append(BenchmarkReportTests.row("negative", "1", BenchmarkReportTests.life, judge: "j1", -0.5))
        let csv = ReportText.csv(BenchmarkReportBuilder().build(rows, title: "t"))
        let records = try CSVReader.parse(csv)
        let models = Set(records.dropFirst().map { $0.fields[0] })
        for formula in Self.formulas {
            #expect(models.contains("'" + formula), "\(formula.debugDescription) neutralised")
            #expect(!models.contains(formula))
        }
        let mean = try #require(records[0].fields.firstIndex(of: "mean"))
        let negative = try #require(records.first { $0.fields[0] == "negative" && $0.fields[mean].hasPrefix("-") })
        #expect(csv.contains(",\(negative.fields[mean]),"), "a negative score is written bare, as a number")
    }
}
