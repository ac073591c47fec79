import Foundation
import GRDB
import FulcrumCore
import Testing
@testable import FulcrumIncidents

/// Incident dates given as a year period are kept as a period, and `--since` finds a period that
/// has not ended before it.
struct DatePeriodTests {
    @Test func periodsAreNormalisedSingleDatesAreUnchanged() throws {
        #expect(try FieldParsing.period("2023-2024") == "2023-2024")
        #expect(try FieldParsing.period(" 2023 – 2024 ") == "2023-2024")
        #expect(try FieldParsing.period("2022-") == "2022-")
        #expect(try FieldParsing.period("2023-06") == "2023-06")
        #expect(try FieldParsing.period("2023-06-01") == "2023-06-01")
        #expect(try FieldParsing.period("2023") == "2023")
        #expect(try FieldParsing.period("") == nil)
        #expect(throws: ParseProblem.self) { try FieldParsing.period("2024-2023") }
        #expect(throws: ParseProblem.self) { try FieldParsing.period("2023-2524") }
        #expect(throws: ParseProblem.self) { try FieldParsing.period("2023-13") }
    }

    @Test func periodEnd() {
        func end(_ date: String?) -> String? { Incident(origin: "t", originID: "1", title: "x", date: date).periodEnd }
        #expect(end("2023-2024") == "2024-12-31")
        #expect(end("2022-") == "9999")
        #expect(end("2023-06") == "2023-06")
        #expect(end("2023-06-01") == "2023-06-01")
        #expect(end(nil) == nil)
    }

    @Test func mappedImportKeepsPeriodsAndSinceFindsThem() throws {
        let store = try TestSupport.scratchStore()
        let csv = try TestSupport.write("""
            Ref,Headline,When
            P1,Chatbot gave wrong advice for years,2019-2021
            P2,Chatbot still gives wrong advice,2022-
            P3,Chatbot gave wrong advice once,2020-05-01
            P4,Chatbot period written backwards,2024-2023

            """, named: "periods.csv")
        let mapping = ColumnMapping(origin: "team", columns: .init(id: "Ref", title: "Headline", date: "When"))
        let summary = try MappedImporter(file: csv, mapping: mapping).run(into: store, suggester: nil)
        #expect(summary.inserted == 3)
        #expect(summary.skipped.map(\.line) == [5])
        #expect(try store.incident(id: "team:P1")?.date == "2019-2021")
        #expect(try store.incident(id: "team:P2")?.date == "2022-")
        #expect(try store.incident(id: "team:P1")?.year == 2019)
        func since(_ date: String) throws -> Set<String> {
            Set(try store.search(IncidentQuery(text: "chatbot", since: date)).map(\.incidentID))
        }
        #expect(try since("2021") == ["team:P1", "team:P2"])
        #expect(try since("2021-06") == ["team:P1", "team:P2"], "a period lasts to the end of its last year")
        #expect(try since("2022") == ["team:P2"])
        #expect(try since("2030") == ["team:P2"], "an open period is still going on")
        #expect(try since("2019") == ["team:P1", "team:P2", "team:P3"])
        #expect(try MappedImporter(file: csv, mapping: mapping).run(into: store, suggester: nil).changes == 0)
    }

    /// A database made before periods existed gains `period_end`, filled from its single dates.
    @Test func migrationFillsPeriodEndOfExistingRows() throws {
        let path = TestSupport.scratchDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try IncidentSchema.migrator.migrate(queue, upTo: "v3-fts-hashsize")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO incident (id, origin, origin_id, title, date, description, report_text, source_urls,
                    deployers, developers, harmed_parties, systems, content_hash, updated_at)
                VALUES ('t:1', 't', '1', 'Chatbot error', '2023-04', '', '', '[]', '[]', '[]', '[]', '[]', 'h', 'now')
                """)
            try db.execute(sql: "INSERT INTO incident_fts(rowid, title, description, report_text) SELECT pk, title, description, report_text FROM incident")
        }
        try queue.close()
        let store = try IncidentStore(path: path)
        #expect(try store.search(IncidentQuery(text: "chatbot", since: "2023")).map(\.incidentID) == ["t:1"])
        #expect(try store.search(IncidentQuery(text: "chatbot", since: "2024")).isEmpty)
    }
}

/// `incidents export --format csv` never hands a spreadsheet a formula from imported text.
struct IncidentExportFormulaTests {
    static let formulas = ["=HYPERLINK(\"http://x\",\"click\")", "+1", "-2+3", "@SUM(A1)", "\tTab first", "\rCR first"]

    @Test func formulaTextIsNeutralised() throws {
        let store = try TestSupport.scratchStore()
        var batch = ImportBatch()
        for (i, formula) in Self.formulas.enumerated() {
            batch.incidents.append(Incident(origin: "t", originID: String(i), title: formula, description: formula,
                                            deployers: [formula]))
        }
        _ = try store.apply(batch, suggester: nil)
        let csv = try IncidentExport.csv(store: store)
        for formula in Self.formulas {
            let escaped = formula.replacingOccurrences(of: "\"", with: "\"\"")
            #expect(csv.contains(",\"'\(escaped)\","), "\(formula.debugDescription) neutralised")
            #expect(!csv.contains(",\(formula),"))
        }
        let table = try CSVTable(path: "export.csv", records: CSVReader.parse(csv))
        #expect(Set(table.rows.map { $0.fields[table.column("title")!] }) == Set(Self.formulas.map { "'" + $0 }))
    }
}
