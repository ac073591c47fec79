import Foundation
import Testing
import FulcrumTestSupport
@testable import FulcrumCore

/// The shared readers and writers of `FulcrumCore/Files`.
struct FilesTests {
    func write(_ bytes: [UInt8], named name: String = "f.jsonl") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-files-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test(arguments: LineEnds.allCases) func textLinesDropCRAndByteOrderMarkAndKeepFileLineNumbers(_ ends: LineEnds) throws {
        let text = try TextLines(data: ends.apply(Data("one\n\ntwo\nthree\n".utf8)), path: "t.txt")
        #expect(text.lines.map(text.string) == ["one", "", "two", "three"])
        #expect(text.lines.map(\.number) == [1, 2, 3, 4])
        #expect(text.isBlank(text.lines[1]) && !text.isBlank(text.lines[0]))
    }

    @Test func invalidUTF8NamesItsLine() {
        #expect(throws: FileReadError.invalid(LineProblem(path: "t.txt", line: 3, message: "not valid UTF-8"))) {
            try TextLines(data: Data([0x61, 0x0A, 0x62, 0x0A, 0xFF, 0x0A]), path: "t.txt")
        }
        #expect(throws: FileReadError.self) { try TextLines(contentsOf: URL(fileURLWithPath: "/nonexistent/t.txt")) }
    }

    @Test(arguments: LineEnds.allCases) func jsonLinesSkipBlankLinesAndNameFileLines(_ ends: LineEnds) throws {
        let url = try write([UInt8](ends.apply(Data("{\"a\": 1}\n\n   \n[1]\n{\"b\": \"x\"}\n{oops\n".utf8))))
        let records = try JSONLinesReader.objects(url)
        #expect(records.map(\.line) == [1, 4, 5, 6])
        #expect(records[0].object?["a"] as? Int == 1)
        #expect(records[1].error == "not a JSON object")
        #expect(records[2].object?["b"] as? String == "x")
        #expect(records[3].error == "malformed JSON")
    }

    @Test func csvTableReadsTheHeaderFromAGivenLine() throws {
        let text = "Incident export,,\r\n\r\nid,title,date\r\n1,\"two\nlines\",2023\r\n2,b,2024\r\n"
        let table = try CSVTable(path: "x.csv", records: CSVReader.parse(text), headerLine: 3)
        #expect(table.header == ["id", "title", "date"])
        #expect(table.rows.map(\.line) == [4, 6], "rows keep their file lines")
        #expect(table.value(table.rows[1], "title") == "b")
        #expect(throws: FileReadError.invalid(LineProblem(path: "x.csv", line: 2,
                                                          message: "no CSV row starts on this line, so it cannot be the header"))) {
            try CSVTable(path: "x.csv", records: CSVReader.parse(text), headerLine: 2)
        }
        #expect(throws: FileReadError.self) { try CSVTable(path: "x.csv", records: CSVReader.parse(text), headerLine: 9) }
        // Without the option the title row is the header, so the real columns are missing.
        #expect(try CSVTable(path: "x.csv", records: CSVReader.parse(text)).column("id") == nil)
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""),
        ("+1", "\"'+1\""),
        ("-2+3", "\"'-2+3\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("\tcmd", "\"'\tcmd\""),
        ("\rcmd", "\"'\rcmd\""),
        ("-", "\"'-\""),
        ("-0.5", "-0.5"),
        ("-12", "-12"),
        ("3e-4", "3e-4"),
        ("0.25", "0.25"),
        ("a=b", "a=b"),
        ("", ""),
        ("x,y", "\"x,y\""),
    ])
    func writerNeutralisesFormulasButKeepsNumbers(_ value: String, _ written: String) throws {
        #expect(CSVWriter.field(value) == written)
        // The reader gives back what a spreadsheet shows: the text behind a quote mark.
        let read = try CSVReader.parse(CSVWriter.row([value, "end"]))
        let expected = CSVWriter.needsNeutralising(value) ? "'" + value : value
        #expect(read.first?.fields == [expected, "end"])
        // Reading Fulcrum's own file back undoes exactly what the writer added.
        #expect(CSVWriter.restored(read[0].fields[0]) == value)
    }

    /// Text that already looks neutralised keeps its quote marks through a write and a restore.
    @Test(arguments: ["'=x", "''+1", "'-", "'plain", "'", "it's"])
    func restoringIsTheWritersExactInverse(_ value: String) throws {
        let read = try CSVReader.parse(CSVWriter.row([value]))
        #expect(CSVWriter.restored(read[0].fields[0]) == value)
    }

    @Test func trimmingRemovesWhitespaceAndLineBreaksOnly() {
        #expect(" \t a b \r\n".trimmed == "a b")
        #expect("ab".trimmed == "ab")
        #expect("x  y \n"[...].trimmed == "x  y")
        #expect(" \n ".trimmed == "")
    }
}
