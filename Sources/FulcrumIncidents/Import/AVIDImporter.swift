import Foundation
import FulcrumCore

/// Imports a folder of AVID JSON files (reports `metadata.report_id` or vulnerabilities
/// `metadata.vuln_id`), searched recursively. Fields vary between files; only an id and some text
/// (a description or a problem-type description) are required. AVID's own classification
/// (`impact.avid`: risk domain, SEP view, lifecycle view) is kept as foreign codes of taxonomy `AVID`.
///
/// ```swift
/// let summary = try AVIDImporter(directory: URL(fileURLWithPath: "…/avid/reports")).run(into: store)
/// ```
public struct AVIDImporter: Sendable {
    public static let origin = "avid"
    public static let taxonomy = "AVID"
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    public func run(into store: IncidentStore, suggester: MachineSuggester? = MachineSuggester.builtIn) throws -> ImportSummary {
        try store.apply(parse(), suggester: suggester)
    }

    public func parse() throws -> ImportBatch {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw IncidentError.unreadable(path: directory.path, reason: "not a folder of AVID JSON files")
        }
        var files: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: directory.path) {
            for case let relative as String in enumerator where relative.hasSuffix(".json") { files.append(relative) }
        }
        var batch = ImportBatch()
        var seen: [String: String] = [:]
        var skipped = 0
        for relative in files.sorted() {
            let url = directory.appendingPathComponent(relative)
            do {
                let (incident, codes) = try parseFile(url)
                if let first = seen[incident.id] {
                    throw ParseProblem("id \(incident.originID) already read from \(first); first kept")
                }
                seen[incident.id] = url.path
                batch.incidents.append(incident)
                batch.foreignCodes.append(.init(incidentID: incident.id, taxonomy: Self.taxonomy, codes: codes))
            } catch let problem as ParseProblem {
                batch.skipped.append(LineProblem(path: url.path, line: nil, message: problem.reason))
                skipped += 1
            }
        }
        batch.count(path: directory.path, records: files.count, skipped: skipped)
        return batch
    }

    func parseFile(_ url: URL) throws -> (Incident, Set<ForeignCode>) {
        // Through TextLines so a byte-order mark (Windows editors write one) is dropped.
        let data: Data
        do { data = Data(try TextLines(contentsOf: url).bytes) } catch {
            switch error {
            case .unreadable(_, let reason): throw ParseProblem("cannot read: \(reason)")
            case .invalid(let problem): throw ParseProblem(problem.message)
            }
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw ParseProblem("malformed JSON: \(JSONErrorDescription.describe(error))")
        }
        guard let json = object as? [String: Any] else { throw ParseProblem("top level is not a JSON object") }
        let metadata = json["metadata"] as? [String: Any]
        guard let originID = (metadata?["report_id"] as? String ?? metadata?["vuln_id"] as? String)?
            .trimmed, !originID.isEmpty else {
            throw ParseProblem("no metadata.report_id or metadata.vuln_id")
        }
        let problem = json["problemtype"] as? [String: Any]
        let problemText = text(problem?["description"])
        let descriptionText = text(json["description"])
        guard !(problemText ?? "").isEmpty || !(descriptionText ?? "").isEmpty else {
            throw ParseProblem("\(originID) has neither description.value nor problemtype.description.value")
        }
        let title = problemText.flatMap { $0.isEmpty ? nil : $0 } ?? String(descriptionText!.prefix(120))
        let affects = json["affects"] as? [String: Any]
        let artifacts = (affects?["artifacts"] as? [[String: Any]]) ?? []
        let references = (json["references"] as? [[String: Any]]) ?? []
        let urls = references.compactMap { $0["url"] as? String }.filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
        let labels = references.compactMap { $0["label"] as? String }
        let date: String?
        do { date = try FieldParsing.period(json["reported_date"] as? String) } catch let p as ParseProblem {
            throw ParseProblem("\(originID): \(p.reason)")
        }
        var incident = Incident(
            origin: Self.origin, originID: originID, title: title, date: date,
            description: descriptionText ?? "",
            reportText: ([problemText ?? ""] + labels).filter { !$0.isEmpty }.joined(separator: "\n"),
            sourceURLs: urls, deployers: strings(affects?["deployer"]), developers: strings(affects?["developer"]),
            systems: artifacts.compactMap { $0["name"] as? String })
        incident.modality = ModalityCues.builtIn.infer(title + " " + (descriptionText ?? ""))

        var codes = Set<ForeignCode>()
        let avid = (json["impact"] as? [String: Any])?["avid"] as? [String: Any]
        for field in ["risk_domain", "sep_view", "lifecycle_view"] {
            for value in strings(avid?[field]) { codes.insert(ForeignCode(taxonomy: Self.taxonomy, field: field, value: value)) }
        }
        for field in ["classof", "type"] {
            if let value = problem?[field] as? String, !value.isEmpty {
                codes.insert(ForeignCode(taxonomy: Self.taxonomy, field: field, value: value))
            }
        }
        for artifact in artifacts {
            if let type = artifact["type"] as? String { codes.insert(ForeignCode(taxonomy: Self.taxonomy, field: "artifact_type", value: type)) }
        }
        return (incident, codes)
    }

    /// AVID text fields are `{"lang": "eng", "value": "…"}`; a plain string is accepted too.
    private func text(_ any: Any?) -> String? {
        if let s = any as? String { return s.trimmed }
        return ((any as? [String: Any])?["value"] as? String)?.trimmed
    }

    private func strings(_ any: Any?) -> [String] {
        if let s = any as? String { return s.isEmpty ? [] : [s] }
        return ((any as? [Any]) ?? []).compactMap { $0 as? String }.filter { !$0.isEmpty }
    }
}
