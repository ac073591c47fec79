import Foundation
import Testing
@testable import FulcrumIncidents

/// Imports of the real AIID and AVID snapshots in ../shared/data/incidents.
@Suite(.serialized) struct RealDataImportTests {
    @Test func aiidCountsMatchFilesAndReimportChangesNothing() throws {
        let store = try TestSupport.scratchStore()
        let first = try AIIDImporter(directory: TestSupport.aiid).run(into: store)
        #expect(first.skipped.isEmpty, "unexpected skipped rows: \(first.skipped)")
        #expect(first.inserted == 989, "incidents.csv has 989 data rows")
        #expect(try store.incidentCount() == 989)
        let byFile = Dictionary(uniqueKeysWithValues: first.files.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) })
        #expect(byFile["classifications_MIT.csv"]?.accepted == 869)
        #expect(byFile["classifications_CSETv1.csv"]?.accepted == 214)
        #expect(byFile["classifications_CSETv1_Annotator-1.csv"]?.accepted == 298)
        #expect(byFile["classifications_CSETv1_Annotator-2.csv"]?.accepted == 106)
        #expect(byFile["classifications_CSETv1_Annotator-3.csv"]?.accepted == 81)
        #expect(byFile["classifications_GMF.csv"]?.accepted == 326)
        #expect(byFile["duplicates.csv"]?.accepted == 12)
        #expect(first.suggestionSetsChanged > 0)

        let uber = try #require(try store.incident(id: "aiid:4"))
        #expect(uber.title == "Uber AV Killed Pedestrian in Arizona")
        #expect(uber.date == "2018-03-18")
        #expect(uber.deployers == ["uber"])
        #expect(uber.harmedParties == ["elaine-herzberg", "pedestrians"])
        let codes = try store.foreignCodes(incidentID: "aiid:4")
        #expect(codes.contains(ForeignCode(taxonomy: "MIT", field: "Timing", value: "Post-deployment")))
        #expect(try store.incident(id: "aiid:637")?.duplicateOf == "aiid:112")

        let again = try AIIDImporter(directory: TestSupport.aiid).run(into: store)
        #expect(again.changes == 0)
        #expect(again.unchanged == 989)
        #expect(try store.incidentCount() == 989)
    }

    @Test func avidCountsMatchFilesAndReimportChangesNothing() throws {
        let store = try TestSupport.scratchStore()
        let files = FileManager.default.enumerator(atPath: TestSupport.avidReports.path)!
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.count
        let first = try AVIDImporter(directory: TestSupport.avidReports).run(into: store)
        #expect(first.skipped.isEmpty, "unexpected skipped files: \(first.skipped)")
        #expect(first.inserted == files)
        #expect(try store.incidentCount() == files)
        let report = try #require(try store.incident(id: "avid:AVID-2023-R0002"))
        #expect(report.title == "ChatGPT links wrong authors to papers")
        #expect(report.developers == ["OpenAI"])
        #expect(report.systems == ["ChatGPT"])
        let codes = try store.foreignCodes(incidentID: report.id)
        #expect(codes.contains(ForeignCode(taxonomy: "AVID", field: "sep_view", value: "E0402: Generative Misinformation")))
        let suggested = try store.codings(incidentID: report.id, origin: .machine)
        #expect(suggested.contains { $0.category == "integrity.misinformation-hallucination" && $0.coder == "machine:avid" })
        #expect(suggested.allSatisfy { $0.lifecycle == "deployment" })
        #expect(try store.codings(incidentID: report.id, origin: .human).isEmpty)

        let again = try AVIDImporter(directory: TestSupport.avidReports).run(into: store)
        #expect(again.changes == 0 && again.unchanged == files)
    }
}
