import Foundation
import FulcrumCore
import Testing
import FulcrumTestSupport
@testable import FulcrumIncidents

/// The real AIID and AVID snapshots and a mapped CSV/JSONL import the same when saved with CRLF line
/// ends, a byte-order mark, or both.
@Suite(.serialized) struct LineEndTests {
    static let originalAIID = try! AIIDImporter(directory: TestSupport.aiid).parse(known: [])

    func lines(_ batch: ImportBatch) -> [String] {
        batch.skipped.map { "\(URL(fileURLWithPath: $0.path).lastPathComponent):\($0.line ?? 0): \($0.message)" }
    }

    @Test(arguments: LineEnds.allCases) func aiidSnapshot(_ ends: LineEnds) throws {
        let copy = try ends.copy(LineEnds.files(in: TestSupport.aiid, endingWith: [".csv"]), from: TestSupport.aiid)
        let read = try AIIDImporter(directory: copy).parse(known: [])
        let original = Self.originalAIID
        #expect(read.incidents.count == 989)
        #expect(read.incidents == original.incidents)
        #expect(read.foreignCodes.map(\.codes) == original.foreignCodes.map(\.codes))
        #expect(lines(read) == lines(original))
    }

    @Test(arguments: LineEnds.allCases) func avidReports(_ ends: LineEnds) throws {
        let original = try AVIDImporter(directory: TestSupport.avidReports).parse()
        let copy = try ends.copy(LineEnds.files(in: TestSupport.avidReports, endingWith: [".json"]), from: TestSupport.avidReports)
        let read = try AVIDImporter(directory: copy).parse()
        #expect(read.incidents.count == original.incidents.count && !read.incidents.isEmpty)
        #expect(read.incidents == original.incidents)
        #expect(read.skipped.count == original.skipped.count)
    }

    @Test(arguments: LineEnds.allCases) func mappedCSVAndJSONL(_ ends: LineEnds) throws {
        let folder = TestSupport.fixtures.appendingPathComponent("mapped")
        let mapping = try ColumnMapping.load(folder.appendingPathComponent("team-mapping.json"))
        let copy = try ends.copy(["team.csv", "team.jsonl"], from: folder)
        for name in ["team.csv", "team.jsonl"] {
            let original = try MappedImporter(file: folder.appendingPathComponent(name), mapping: mapping).parse()
            let read = try MappedImporter(file: copy.appendingPathComponent(name), mapping: mapping).parse()
            #expect(read.incidents == original.incidents, "\(name)")
            #expect(lines(read) == lines(original), "\(name)")
            #expect(!read.incidents.isEmpty)
        }
    }

    /// A spreadsheet export with a title and a blank row above the header: the error names the
    /// header's line, and reading from it gives the original's incidents on the file's lines.
    @Test func mappedCSVWithATitleRow() throws {
        let folder = TestSupport.fixtures.appendingPathComponent("mapped")
        let mapping = try ColumnMapping.load(folder.appendingPathComponent("team-mapping.json"))
        let original = try MappedImporter(file: folder.appendingPathComponent("team.csv"), mapping: mapping).parse()
        let text = "Team incidents (exported 2024-02-01),,,,,,,,\r\n\r\n" + (try String(contentsOf: folder.appendingPathComponent("team.csv"), encoding: .utf8))
        let url = try TestSupport.write(text, named: "team.csv")
        #expect(throws: IncidentError.missingColumns(path: url.path, columns: ["Ref", "Headline", "When", "Summary", "Deployer", "System", "Media", "Notes", "Issue"],
                                                     namedOnLine: 3)) {
            try MappedImporter(file: url, mapping: mapping).parse()
        }
        let read = try MappedImporter(file: url, mapping: mapping, headerLine: 3).parse()
        #expect(read.incidents == original.incidents)
        #expect(read.skipped.map(\.line) == original.skipped.map { $0.line.map { $0 + 2 } }, "errors name the real file line")
    }
}
