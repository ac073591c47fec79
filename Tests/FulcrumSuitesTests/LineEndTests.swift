import Foundation
import Testing
import FulcrumCore
import FulcrumTestSupport
@testable import FulcrumSuites

/// Suite files and the GVS-Bench release read the same with CRLF line ends and a byte-order mark.
struct LineEndTests {
    static let starter = SharedData.packageRoot.appendingPathComponent("Sources/FulcrumSuites/Resources")

    @Test(arguments: LineEnds.allCases) func suiteFile(_ ends: LineEnds) throws {
        let original = try SuiteFile.read(Self.starter.appendingPathComponent("starter.jsonl"))
        let copy = try ends.copy(["starter.jsonl"], from: Self.starter).appendingPathComponent("starter.jsonl")
        #expect(try SuiteFile.read(copy).items == original.items)
    }

    @Test(arguments: LineEnds.allCases) func suiteFileProblemsNameFileLines(_ ends: LineEnds) throws {
        let dir = try ends.copy([], from: Self.starter)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("bad.jsonl")
        try ends.apply(Data("\n{\"id\": \n".utf8)).write(to: url)
        #expect { try SuiteFile.read(url) } throws: { "\($0)".contains("bad.jsonl:2: ") }
    }

    /// The release is saved with CRLF already; the copies add a byte-order mark to every file.
    @Test(arguments: [LineEnds.bom, .crlfAndBOM]) func gvsBenchRelease(_ ends: LineEnds) throws {
        let release = SharedData.url("gvs-bench")
        let original = try GVSBenchImporter().importRelease(at: release)
        let copy = try ends.copy(LineEnds.files(in: release, endingWith: [".txt", ".json"]), from: release)
        let read = try GVSBenchImporter().importRelease(at: copy)
        #expect(read.suite.items == original.suite.items)
        #expect(read.suite.items.count == 266)
    }
}
