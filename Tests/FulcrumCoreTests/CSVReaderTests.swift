import Foundation
import Testing
@testable import FulcrumCore

struct CSVReaderTests {
    @Test func quotedMultilineFieldsEscapedQuotesAndLineNumbers() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"two\nlines\",\"say \"\"hi\"\"\"\r\n\r\n3,,\"x,y\"\n4,5,6"
        let records = try CSVReader.parse(text)
        #expect(records.count == 4, "blank line is not a record")
        #expect(records[0].fields == ["a", "b", "c"], "BOM stripped")
        #expect(records[1].fields == ["1", "two\nlines", "say \"hi\""])
        #expect(records[1].line == 2)
        #expect(records[2].fields == ["3", "", "x,y"])
        #expect(records[2].line == 5, "line counts the quoted line break and the blank line")
        #expect(records[3].line == 6 && records[3].fields == ["4", "5", "6"], "last line without newline")
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        let records = try CSVReader.parse("a,b\n,\n\"\",x\n")
        #expect(records[1].fields == ["", ""])
        #expect(records[2].fields == ["", "x"])
    }

    @Test func unterminatedQuoteFailsTheFileNamingTheLine() {
        #expect(throws: FileReadError.invalid(LineProblem(path: "f.csv", line: 3, message: "quoted field opened here is never closed"))) {
            try CSVReader.parse("a,b\n1,2\n3,\"open\n4,5\n", path: "f.csv")
        }
    }

    @Test func strayQuotesAreRowProblemsNotCrashes() throws {
        let records = try CSVReader.parse("a,b\nx\"y,2\n\"q\"z,3\n")
        #expect(records[1].problem == "quote inside an unquoted field 1")
        #expect(records[2].problem == "text after a closing quote in field 1")
    }

    @Test func invalidUTF8IsAFileError() {
        #expect(throws: FileReadError.invalid(LineProblem(path: "bin.csv", line: 2, message: "not valid UTF-8"))) {
            try CSVReader.parse(Data([0x61, 0x0A, 0xFF, 0xFE]), path: "bin.csv")
        }
    }

    @Test func tableReportsFieldCountMismatch() throws {
        let table = try CSVTable(path: "t.csv", records: CSVReader.parse("a,b,c\n1,2\n1,2,3\n"))
        #expect(table.structuralProblem(table.rows[0]) == "has 2 fields, header has 3")
        #expect(table.structuralProblem(table.rows[1]) == nil)
        #expect(table.value(table.rows[1], "b") == "2")
    }

    @Test func writerRoundTripsThroughReader() throws {
        let rows = [["plain", "with,comma", "with \"quote\"", "two\nlines", ""]]
        let text = CSVWriter.document(header: ["a", "b", "c", "d", "e"], rows: rows)
        let records = try CSVReader.parse(text)
        #expect(records.count == 2)
        #expect(records[1].fields == rows[0])
    }
}
