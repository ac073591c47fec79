import Foundation
import Testing
import FulcrumTestSupport
@testable import FulcrumValues

/// `values train|eval|score`, `align score` and `judge train|eval` read the real data sets as
/// Windows tools save them (CRLF, a byte-order mark, or both) exactly as they read the originals.
struct LineEndTests {
    @Test(arguments: LineEnds.allCases) func fulcraDialogues(_ ends: LineEnds) throws {
        let original = try ValueDataset.load([TestData.fulcraDev])
        let copy = try ends.copy(["fulcra/fulcra_trustworthy_dev.jsonl"], from: TestData.shared)
            .appendingPathComponent("fulcra/fulcra_trustworthy_dev.jsonl")
        let read = try ValueDataset.load([copy])
        #expect(read.samples.count == original.samples.count)
        #expect(read.samples.map(\.line) == original.samples.map(\.line), "file lines, 1-based")
        #expect(read.samples.map(\.dialogue) == original.samples.map(\.dialogue))
        #expect(read.samples.map(\.vector) == original.samples.map(\.vector))
        #expect(read.repairs.count == original.repairs.count)
        // `values score` and `align score` read answer files through ScoringRecord.
        #expect(try ScoringRecord.load(copy).map(\.dialogue) == ScoringRecord.load(TestData.fulcraDev).map(\.dialogue))
    }

    @Test(arguments: LineEnds.allCases) func safetyData(_ ends: LineEnds) throws {
        let files = ["do-not-answer/data_en_4models.csv", "gptfuzz/responses_labeled_train.csv", "gptfuzz/question_list.csv",
                     "latent-jailbreak/human_annotated.jsonl"]
        let copy = try ends.copy(files, from: TestData.safety)
        // The folder also holds the gzipped moderation samples, which are not copied (binary).
        let original = try SafetyDataset.load([TestData.safety]).filter { $0.source != ModerationSamples.source }
        let read = try SafetyDataset.load([copy])
        #expect(read.count == original.count && original.count > 10_000)
        let strip = { (s: [SafetySample]) in s.map { [$0.source, String($0.line), $0.question, $0.answer, String($0.harmful)] } }
        #expect(strip(read) == strip(original))
    }

    /// A spreadsheet export with a title row: `--header-row` finds the columns, lines stay the file's.
    @Test func safetyCSVWithATitleRow() throws {
        let source = TestData.safety.appendingPathComponent("do-not-answer/data_en_4models.csv")
        let text = "Do-Not-Answer export,,,\n\n" + (try String(contentsOf: source, encoding: .utf8))
        let url = try TestData.temporaryFile("data_en_4models.csv", text)
        #expect(throws: DataError.self) { try SafetyDataset.load([url]) }
        let read = try SafetyDataset.load([url], headerLine: 3)
        let original = try SafetyDataset.load([source])
        #expect(read.count == original.count)
        #expect(read.map(\.line) == original.map { $0.line + 2 })
    }
}
