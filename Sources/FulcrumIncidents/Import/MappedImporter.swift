import Foundation
import FulcrumCore

/// Imports any CSV or JSONL incident file through a `ColumnMapping`.
///
/// ```swift
/// let mapping = try ColumnMapping.load(URL(fileURLWithPath: "aiaaic-mapping.json"))
/// let summary = try MappedImporter(file: csvURL, mapping: mapping).run(into: store)
/// ```
public struct MappedImporter: Sendable {
    public var file: URL
    public var mapping: ColumnMapping
    /// The CSV line holding the column names (1-based): spreadsheet exports often put a title above it.
    public var headerLine: Int

    public init(file: URL, mapping: ColumnMapping, headerLine: Int = 1) {
        self.file = file
        self.mapping = mapping
        self.headerLine = headerLine
    }

    public func run(into store: IncidentStore, suggester: MachineSuggester? = MachineSuggester.builtIn) throws -> ImportSummary {
        try store.apply(parse(), suggester: suggester)
    }

    public func parse() throws -> ImportBatch {
        let records: [(line: Int, values: Result<[String: String], ParseProblem>)]
        switch file.pathExtension.lowercased() {
        case "jsonl", "ndjson": records = try readJSONL()
        case "csv": records = try readCSV()
        default:
            throw IncidentError.unreadable(path: file.path, reason: "unknown file type: use .csv or .jsonl")
        }
        // Building incidents is pure per-row work: spread it over the cores, then keep the
        // sequential pass (duplicate ids, file order) single-threaded.
        let built = ParallelMap.map(records) { record in
            (record.line, Result { () throws -> (Incident, ImportBatch.ForeignCodeSet?) in
                let values = try record.values.get()
                let incident = try makeIncident(values)
                guard let foreign = mapping.foreignCodes else { return (incident, nil) }
                var codes = Set<ForeignCode>()
                for field in foreign.fields {
                    for value in FieldParsing.looseList(values[field]) {
                        codes.insert(ForeignCode(taxonomy: foreign.taxonomy, field: field, value: value))
                    }
                }
                return (incident, .init(incidentID: incident.id, taxonomy: foreign.taxonomy, codes: codes))
            })
        }
        var batch = ImportBatch()
        var seen = Set<String>()
        var skipped = 0
        for (line, result) in built {
            do {
                let (incident, codes) = try result.get()
                guard seen.insert(incident.id).inserted else {
                    throw ParseProblem("id '\(incident.originID)' appears twice; first kept")
                }
                batch.incidents.append(incident)
                if let codes { batch.foreignCodes.append(codes) }
            } catch let problem as ParseProblem {
                batch.skipped.append(LineProblem(path: file.path, line: line, message: problem.reason))
                skipped += 1
            }
        }
        batch.count(path: file.path, records: records.count, skipped: skipped)
        return batch
    }

    private func makeIncident(_ values: [String: String]) throws -> Incident {
        let c = mapping.columns
        func value(_ column: String?) -> String? {
            guard let column, let v = values[column]?.trimmed, !v.isEmpty else { return nil }
            return v
        }
        guard let id = value(c.id) else { throw ParseProblem("no id in column '\(c.id)'") }
        guard let title = value(c.title) else { throw ParseProblem("incident '\(id)' has no title in column '\(c.title)'") }
        let modality: Modality?
        if let raw = value(c.modality) {
            guard let m = Modality(rawValue: raw.lowercased()) else {
                throw ParseProblem("modality '\(raw)' is not text, image, video or audio")
            }
            modality = m
        } else {
            modality = nil
        }
        let description = value(c.description) ?? ""
        var incident = Incident(
            origin: mapping.origin, originID: id, title: title, date: try FieldParsing.period(value(c.date)),
            description: description,
            reportText: (c.reportText ?? []).compactMap { value($0) }.joined(separator: "\n"),
            sourceURLs: FieldParsing.looseList(value(c.sourceURLs)), deployers: FieldParsing.looseList(value(c.deployers)),
            developers: FieldParsing.looseList(value(c.developers)),
            harmedParties: FieldParsing.looseList(value(c.harmedParties)),
            modality: modality, systems: FieldParsing.looseList(value(c.systems)))
        if incident.modality == nil { incident.modality = ModalityCues.builtIn.infer(title + " " + description) }
        return incident
    }

    private func readCSV() throws -> [(line: Int, values: Result<[String: String], ParseProblem>)] {
        let table = try CSVTable.incidentTable(file, headerLine: headerLine)
        let required = mapping.columns.all + (mapping.foreignCodes?.fields ?? [])
        let missing = required.filter { table.column($0) == nil }
        guard missing.isEmpty else {
            throw IncidentError.missingColumns(path: file.path, columns: missing,
                                               namedOnLine: table.laterLineNaming(required, ignoringCase: false))
        }
        return table.rows.map { row in
            if let problem = table.structuralProblem(row) { return (row.line, .failure(ParseProblem(problem))) }
            var values: [String: String] = [:]
            for (i, name) in table.header.enumerated() where values[name] == nil { values[name] = row.fields[i] }
            return (row.line, .success(values))
        }
    }

    private func readJSONL() throws -> [(line: Int, values: Result<[String: String], ParseProblem>)] {
        let text: TextLines, lines: [TextLines.Line]
        do { (text, lines) = try JSONLinesReader.lines(file) } catch { throw IncidentError(error) }
        // The lines are independent: parse them on all cores, straight from the file's bytes.
        return text.bytes.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            return ParallelMap.map(lines) { line in
                (line.number, JSONLineObject.parse(UnsafeBufferPointer(rebasing: buffer[line.range])))
            }
        }
    }
}
