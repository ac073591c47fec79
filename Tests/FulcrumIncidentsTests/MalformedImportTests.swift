import Foundation
import Testing
@testable import FulcrumIncidents

/// Importers on fixture files with deliberate defects: good rows import, every bad row is reported
/// with file, line and reason, and nothing is silently dropped.
struct MalformedImportTests {
    func lines(_ summary: ImportSummary, file: String) -> [Int?: String] {
        Dictionary(summary.skipped.filter { $0.path.hasSuffix(file) }.map { ($0.line, $0.message) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func aiidBadRowsAreSkippedWithLineAndReason() throws {
        let store = try TestSupport.scratchStore()
        let summary = try AIIDImporter(directory: TestSupport.fixtures.appendingPathComponent("aiid-malformed")).run(into: store)
        #expect(summary.inserted == 2)
        #expect(try store.incidentCount() == 2)
        let skipped = lines(summary, file: "incidents.csv")
        #expect(skipped.count == 6)
        #expect(skipped[4] == "date '2021-13-01' has an invalid month")
        #expect(skipped[5] == "incident_id 'abc' is not a positive integer")
        #expect(skipped[6] == "incident 1 appears twice; first kept")
        #expect(skipped[7] == "column 'Alleged deployer of AI system' is not a JSON list")
        #expect(skipped[8] == "has 6 fields, header has 9")
        #expect(skipped[10] == "quote inside an unquoted field 8")
        let mit = lines(summary, file: "classifications_MIT.csv")
        #expect(mit[3] == "incident 99 is not in incidents.csv")
        #expect(mit[4] == "second row for incident 1 in this table; first kept")
        let incidentsFile = try #require(summary.files.first { $0.path.hasSuffix("incidents.csv") })
        #expect(incidentsFile.records == 8 && incidentsFile.accepted == 2 && incidentsFile.skipped == 6)

        let first = try #require(try store.incident(id: "aiid:1"))
        #expect(first.description == "A chatbot gave\nwrong store hours, spanning two lines with a \"quote\".")
        #expect(first.deployers == ["acme"])
        #expect(try store.foreignCodes(incidentID: "aiid:1").contains(
            ForeignCode(taxonomy: "MIT", field: "Risk Subdomain", value: "3.1. False or misleading information")))
        // MIT 3.1 maps to misinformation; the pre-deployment timing of incident 7 to model building.
        let seven = try store.codings(incidentID: "aiid:7", origin: .machine)
        #expect(seven.contains { $0.coder == "machine:aiid-mit" && $0.category == "integrity.misinformation-hallucination"
            && $0.lifecycle == "model-building" })
        #expect(summary.text.contains("incidents.csv:4: date '2021-13-01' has an invalid month"))

        let again = try AIIDImporter(directory: TestSupport.fixtures.appendingPathComponent("aiid-malformed")).run(into: store)
        #expect(again.changes == 0 && again.skipped.count == summary.skipped.count)
    }

    @Test func aiidMissingFileOrColumnsFailsClearly() throws {
        let empty = TestSupport.scratchDirectory()
        #expect(throws: IncidentError.self) { try AIIDImporter(directory: empty).parse(known: []) }
        _ = try TestSupport.write("incident_id,title\n1,x\n", named: "incidents.csv", in: empty)
        #expect(throws: IncidentError.missingColumns(path: empty.appendingPathComponent("incidents.csv").path,
                                                     columns: ["date", "description"])) {
            try AIIDImporter(directory: empty).parse(known: [])
        }
        let broken = TestSupport.scratchDirectory()
        _ = try TestSupport.write("incident_id,date,title,description\n1,2020,\"open,x\n", named: "incidents.csv", in: broken)
        #expect(throws: IncidentError.invalidFile(path: broken.appendingPathComponent("incidents.csv").path, line: 2,
                                                  reason: "quoted field opened here is never closed")) {
            try AIIDImporter(directory: broken).parse(known: [])
        }
    }

    @Test func avidVaryingAndBrokenFiles() throws {
        let store = try TestSupport.scratchStore()
        let folder = TestSupport.fixtures.appendingPathComponent("avid-malformed")
        let summary = try AVIDImporter(directory: folder).run(into: store)
        #expect(summary.inserted == 2)
        #expect(summary.files.first?.records == 8)
        let reasons = Dictionary(uniqueKeysWithValues: summary.skipped.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.message) })
        #expect(reasons.count == 6)
        #expect(reasons["truncated.json"]?.hasPrefix("malformed JSON") == true)
        #expect(reasons["no-id.json"] == "no metadata.report_id or metadata.vuln_id")
        #expect(reasons["array.json"] == "top level is not a JSON object")
        #expect(reasons["no-text.json"] == "AVID-2024-R9004 has neither description.value nor problemtype.description.value")
        #expect(reasons["z-duplicate.json"]?.hasPrefix("id AVID-2024-R9001 already read from") == true)
        #expect(reasons["bad-date.json"] == "AVID-2024-R9005: date 'March 2024' is not YYYY-MM-DD")
        let noImpact = try #require(try store.incident(id: "avid:AVID-2024-R9002"))
        #expect(noImpact.title == "Toxic reply to a neutral question")
        #expect(try store.foreignCodes(incidentID: noImpact.id).isEmpty)
        // The text cue 'toxic' still suggests a category, as a machine suggestion only.
        #expect(try store.codings(incidentID: noImpact.id).allSatisfy { $0.origin == .machine && $0.coder == "machine:text-cue" })
        #expect(try AVIDImporter(directory: folder).run(into: store).changes == 0)
    }

    @Test func mappedCSVAndJSONL() throws {
        let store = try TestSupport.scratchStore()
        let mapping = try ColumnMapping.load(TestSupport.fixtures.appendingPathComponent("mapped/team-mapping.json"))
        let csv = try MappedImporter(file: TestSupport.fixtures.appendingPathComponent("mapped/team.csv"), mapping: mapping)
            .run(into: store)
        #expect(csv.inserted == 2)
        #expect(Dictionary(uniqueKeysWithValues: csv.skipped.map { ($0.line!, $0.message) }) == [
            3: "incident 'T2' has no title in column 'Headline'",
            4: "modality 'picture' is not text, image, video or audio",
        ])
        let t1 = try #require(try store.incident(id: "team:T1"))
        #expect(t1.deployers == ["ShopCo"] && t1.systems == ["helpdesk-bot"] && t1.modality == .text)
        #expect(t1.reportText == "escalated")
        #expect(Set(try store.foreignCodes(incidentID: "team:T1").map(\.value)) == ["Accuracy", "Consumer"])
        #expect(try store.incident(id: "team:T4")?.modality == .audio, "modality inferred from 'voice'")

        let jsonl = try MappedImporter(file: TestSupport.fixtures.appendingPathComponent("mapped/team.jsonl"), mapping: mapping)
            .run(into: store)
        #expect(jsonl.inserted == 1)
        #expect(Dictionary(uniqueKeysWithValues: jsonl.skipped.map { ($0.line!, $0.message) }) == [
            2: "malformed JSON at byte 27: unterminated string", 4: "line is not a JSON object", 5: "date '30/11/2023' is not YYYY-MM-DD",
            6: "id 'J1' appears twice; first kept",
        ])
        #expect(try store.incident(id: "team:J1")?.deployers == ["NewsCo", "WireCo"])
        #expect(try MappedImporter(file: TestSupport.fixtures.appendingPathComponent("mapped/team.csv"), mapping: mapping)
            .run(into: store).changes == 0)
    }

    @Test func badMappingFilesAreRejected() throws {
        let bad = try TestSupport.write(#"{"origin": "Team Sheet", "columns": {"id": "a", "title": "b"}}"#, named: "m.json")
        #expect(throws: IncidentError.self) { try ColumnMapping.load(bad) }
        let reserved = try TestSupport.write(#"{"origin": "aiid", "columns": {"id": "a", "title": "b"}}"#, named: "m.json")
        #expect(throws: IncidentError.self) { try ColumnMapping.load(reserved) }
        let noTitle = try TestSupport.write(#"{"origin": "x", "columns": {"id": "a"}}"#, named: "m.json")
        #expect(throws: IncidentError.self) { try ColumnMapping.load(noTitle) }
        let ok = try ColumnMapping.load(try TestSupport.write(#"{"origin": "x", "columns": {"id": "a", "title": "b"}}"#, named: "m.json"))
        let csv = try TestSupport.write("a,c\n1,2\n", named: "d.csv")
        #expect(throws: IncidentError.missingColumns(path: csv.path, columns: ["b"])) {
            try MappedImporter(file: csv, mapping: ok).parse()
        }
    }
}
