import Foundation
import FulcrumCore

/// Imports an AI Incident Database snapshot folder: `incidents.csv`, optional `duplicates.csv`, and
/// every `classifications_<Namespace>.csv` (each kept as foreign codes of taxonomy `<Namespace>`).
///
/// ```swift
/// let batch = try AIIDImporter(directory: URL(fileURLWithPath: "…/incidents/aiid")).parse(known: [])
/// let summary = try store.apply(batch, suggester: MachineSuggester())
/// ```
public struct AIIDImporter: Sendable {
    public static let origin = "aiid"
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// Columns that are bookkeeping rather than classification.
    static let bookkeeping: Set<String> = ["Namespace", "Incident ID", "Published"]

    public func run(into store: IncidentStore, suggester: MachineSuggester? = MachineSuggester.builtIn) throws -> ImportSummary {
        let known = try store.knownIncidentIDs(origin: Self.origin)
        return try store.apply(parse(known: known), suggester: suggester)
    }

    /// Parses every file; `known` holds incident ids already stored (classification rows may refer
    /// to them even when this snapshot's incidents.csv does not).
    public func parse(known: Set<String>) throws -> ImportBatch {
        var batch = ImportBatch()
        let incidentsURL = directory.appendingPathComponent("incidents.csv")
        guard FileManager.default.fileExists(atPath: incidentsURL.path) else {
            throw IncidentError.unreadable(path: incidentsURL.path, reason: "no incidents.csv in the AIID folder")
        }
        let duplicates = try readDuplicates(&batch)
        try readIncidents(incidentsURL, duplicates: duplicates, into: &batch)
        let ids = known.union(batch.incidents.map(\.id))
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in files.sorted() where name.hasPrefix("classifications_") && name.hasSuffix(".csv") {
            let namespace = String(name.dropFirst("classifications_".count).dropLast(4))
            try readClassifications(directory.appendingPathComponent(name), namespace: namespace, known: ids,
                                    into: &batch)
        }
        return batch
    }

    private func readDuplicates(_ batch: inout ImportBatch) throws -> [String: String] {
        let url = directory.appendingPathComponent("duplicates.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let table = try CSVTable.incidentTable(url)
        let required = ["duplicate_incident_number", "true_incident_number"]
        let missing = required.filter { table.column($0) == nil }
        guard missing.isEmpty else { throw IncidentError.missingColumns(path: url.path, columns: missing) }
        var map: [String: String] = [:]
        var skipped = 0
        for row in table.rows {
            if let problem = table.structuralProblem(row) {
                batch.skipped.append(LineProblem(path: url.path, line: row.line, message: problem)); skipped += 1; continue
            }
            guard let dup = table.value(row, "duplicate_incident_number").flatMap(Int.init),
                  let real = table.value(row, "true_incident_number").flatMap(Int.init) else {
                batch.skipped.append(LineProblem(path: url.path, line: row.line, message: "incident numbers must be integers"))
                skipped += 1; continue
            }
            map[String(dup)] = Incident.makeID(origin: Self.origin, originID: String(real))
        }
        batch.count(path: url.path, records: table.rows.count, skipped: skipped)
        return map
    }

    private func readIncidents(_ url: URL, duplicates: [String: String], into batch: inout ImportBatch) throws {
        let table = try CSVTable.incidentTable(url)
        let required = ["incident_id", "date", "title", "description"]
        let missing = required.filter { table.column($0) == nil }
        guard missing.isEmpty else { throw IncidentError.missingColumns(path: url.path, columns: missing) }
        var seen = Set<String>()
        var skipped = 0
        for row in table.rows {
            do {
                if let problem = table.structuralProblem(row) { throw ParseProblem(problem) }
                guard let number = table.value(row, "incident_id"), let n = Int(number), n > 0 else {
                    throw ParseProblem("incident_id '\(table.value(row, "incident_id") ?? "")' is not a positive integer")
                }
                let originID = String(n)
                guard seen.insert(originID).inserted else { throw ParseProblem("incident \(n) appears twice; first kept") }
                guard let title = table.value(row, "title") else { throw ParseProblem("incident \(n) has no title") }
                let description = table.value(row, "description") ?? ""
                let reports = try FieldParsing.jsonList(table.value(row, "reports"), column: "reports")
                var incident = Incident(
                    origin: Self.origin, originID: originID, title: title,
                    date: try FieldParsing.period(table.value(row, "date")), description: description,
                    sourceURLs: ["https://incidentdatabase.ai/cite/\(n)/"] ,
                    deployers: try FieldParsing.jsonList(table.value(row, "Alleged deployer of AI system"),
                                                         column: "Alleged deployer of AI system"),
                    developers: try FieldParsing.jsonList(table.value(row, "Alleged developer of AI system"),
                                                          column: "Alleged developer of AI system"),
                    harmedParties: try FieldParsing.jsonList(table.value(row, "Alleged harmed or nearly harmed parties"),
                                                             column: "Alleged harmed or nearly harmed parties"),
                    duplicateOf: duplicates[originID])
                incident.reportText = reports.isEmpty ? "" : "AIID reports " + reports.joined(separator: " ")
                incident.modality = ModalityCues.builtIn.infer(title + " " + description)
                batch.incidents.append(incident)
            } catch let problem as ParseProblem {
                batch.skipped.append(LineProblem(path: url.path, line: row.line, message: problem.reason))
                skipped += 1
            }
        }
        batch.count(path: url.path, records: table.rows.count, skipped: skipped)
    }

    private func readClassifications(_ url: URL, namespace: String, known: Set<String>,
                                     into batch: inout ImportBatch) throws {
        let table = try CSVTable.incidentTable(url)
        guard table.column("Incident ID") != nil else {
            throw IncidentError.missingColumns(path: url.path, columns: ["Incident ID"])
        }
        // Repeated header names (CSETv1 has two "AI System" columns) get a " #2" suffix.
        var fieldNames: [String] = []
        var occurrences: [String: Int] = [:]
        for name in table.header {
            occurrences[name, default: 0] += 1
            fieldNames.append(occurrences[name]! == 1 ? name : "\(name) #\(occurrences[name]!)")
        }
        var seen = Set<String>()
        var skipped = 0
        for row in table.rows {
            do {
                if let problem = table.structuralProblem(row) { throw ParseProblem(problem) }
                guard let number = table.value(row, "Incident ID").flatMap(Int.init), number > 0 else {
                    throw ParseProblem("Incident ID '\(table.value(row, "Incident ID") ?? "")' is not a positive integer")
                }
                let id = Incident.makeID(origin: Self.origin, originID: String(number))
                guard known.contains(id) else { throw ParseProblem("incident \(number) is not in incidents.csv") }
                guard seen.insert(id).inserted else {
                    throw ParseProblem("second row for incident \(number) in this table; first kept")
                }
                var codes = Set<ForeignCode>()
                for (i, name) in fieldNames.enumerated() where !Self.bookkeeping.contains(name) {
                    let value = row.fields[i].trimmed
                    if !value.isEmpty { codes.insert(ForeignCode(taxonomy: namespace, field: name, value: value)) }
                }
                batch.foreignCodes.append(.init(incidentID: id, taxonomy: namespace, codes: codes))
            } catch let problem as ParseProblem {
                batch.skipped.append(LineProblem(path: url.path, line: row.line, message: problem.reason))
                skipped += 1
            }
        }
        batch.count(path: url.path, records: table.rows.count, skipped: skipped)
    }
}
