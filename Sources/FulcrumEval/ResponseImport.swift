import Foundation
import FulcrumCore
import FulcrumStore
import FulcrumSuites

/// Imports answers made by other tools into a named run, so they can be judged and reported like
/// Fulcrum's own. JSON Lines (`{"item_id":…,"model":…,"language":…,"response":…,"sample":0}`) or CSV with
/// a header naming those columns (`sample` optional).
///
/// A run's own export (`fulcrum runs export`, CSV or JSONL) imports back as it was: answers the CSV
/// writer neutralised for spreadsheets (`'=…`, `'- item`) are restored, and a row without an answer
/// (status failed or pending) is a problem, not an empty answer.
///
/// All or nothing: every problem is reported as `file:line: problem` and nothing is stored if any exists.
public enum ResponseImport {
    public struct Answer: Sendable, Hashable {
        public var line: Int
        public var key: PlanKey
        public var response: String
    }

    public struct Outcome: Sendable, Hashable {
        public var runID: String
        public var created: Bool
        public var imported: Int
    }

    /// Parses and validates a file against `suite`; throws `SuiteError.invalid` listing every bad line.
    /// `headerLine` is the CSV line holding the column names (a title row may sit above it).
    public static func read(_ url: URL, suite: Suite, headerLine: Int = 1) throws -> [Answer] {
        var problems: [LineProblem] = []
        var answers: [Answer] = []
        var firstLine: [PlanKey: Int] = [:]
        func problem(_ line: Int, _ message: String) { problems.append(LineProblem(path: url.path, line: line, message: message)) }
        func accept(line: Int, fields: [String: String]) {
            guard let item = fields["item_id"], !item.isEmpty else { return problem(line, "missing item_id") }
            guard let model = fields["model"], !model.isEmpty else { return problem(line, "missing model") }
            guard let language = fields["language"], !language.isEmpty else { return problem(line, "missing language") }
            guard let response = fields["response"] else { return problem(line, "missing response") }
            // Fulcrum's own export (`runs export`) also lists rows that hold no answer.
            if let status = fields["status"], !status.isEmpty, status != "answered" {
                return problem(line, "status '\(status)': the row holds no answer (remove it, or finish the run with `fulcrum run --resume`)")
            }
            var sample = 0
            if let raw = fields["sample"], !raw.isEmpty {
                guard let n = Int(raw), n >= 0 else { return problem(line, "sample must be a whole number ≥ 0, got '\(raw)'") }
                sample = n
            }
            guard let suiteItem = suite.item(id: item) else { return problem(line, "no item '\(item)' in suite '\(suite.name)'") }
            let lang = Language(rawValue: language)
            guard suiteItem.prompt[lang] != nil else { return problem(line, "item \(item) has no '\(language)' prompt") }
            let key = PlanKey(itemID: item, modelSpec: model, language: lang.rawValue, sampleIndex: sample)
            if let first = firstLine[key] { return problem(line, "duplicate answer for item \(item), model \(model), language \(language), sample \(sample) (first on line \(first))") }
            firstLine[key] = line
            answers.append(Answer(line: line, key: key, response: response))
        }

        do {
            if url.pathExtension.lowercased() == "csv" {
                let table = try CSVTable.read(url, headerLine: headerLine)
                let names = table.header.map { $0.lowercased() }
                let columns = ["item_id", "model", "language", "response"]
                for required in columns where !names.contains(required) {
                    problem(table.headerLine, "header has no '\(required)' column (expected item_id,model,language,response[,sample])")
                }
                if !problems.isEmpty, let hint = table.titleRowHint(columns, naming: "these columns") { problem(table.headerLine, hint) }
                let isExport = names.contains("run_id") && names.contains("status")
                if problems.isEmpty {
                    for record in table.rows {
                        if let broken = record.problem { problem(record.line, broken); continue }
                        guard record.fields.count == names.count else {
                            problem(record.line, "\(record.fields.count) fields, the header has \(names.count)")
                            continue
                        }
                        // Fulcrum's export neutralised formula-like answers ("'=…", "'- item"); read them back as they were.
                        let fields = isExport ? record.fields.map(CSVWriter.restored) : record.fields
                        accept(line: record.line, fields: Dictionary(zip(names, fields), uniquingKeysWith: { a, _ in a }))
                    }
                }
            } else {
                for record in try JSONLinesReader.objects(url) {
                    guard let object = record.object else {
                        problem(record.line, record.error ?? "not a JSON object")
                        continue
                    }
                    var fields: [String: String] = [:]
                    var bad = false
                    for (name, value) in object {
                        switch value {
                        case let s as String: fields[name] = s
                        case let n as NSNumber where name == "sample": fields[name] = n.stringValue
                        default:
                            problem(record.line, "field '\(name)' must be a string")
                            bad = true
                        }
                    }
                    if !bad { accept(line: record.line, fields: fields) }
                }
            }
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw SuiteError.unreadable(path: path, reason: reason)
            case .invalid(let problem): throw SuiteError.invalid([problem])
            }
        }
        if answers.isEmpty && problems.isEmpty { problems.append(LineProblem(path: url.path, message: "no answers in the file")) }
        guard problems.isEmpty else { throw SuiteError.invalid(problems) }
        return answers
    }

    /// Stores `answers` into the run named `runName` (created when new) in one transaction.
    public static func store(_ answers: [Answer], file: String, runName: String, suite: Suite, suiteReference: String,
                             into store: any ResultStore) async throws -> Outcome {
        let suiteHash = suite.contentHash
        var run: RunRecord
        var created = false
        if let existing = try await store.run(named: runName) {
            guard existing.suiteHash == suiteHash else { throw PlanError.suiteChanged(runID: existing.id, suite: suiteReference) }
            run = existing
            // Name each clash with its line, before the transaction would refuse the whole import.
            let answered = Set(try await store.results(runID: existing.id).filter { $0.generation != nil }.map(\.row.key))
            let clashes = answers.filter { answered.contains($0.key) }.map {
                LineProblem(path: file, line: $0.line, message: "run '\(runName)' already has an answer for item \($0.key.itemID), model \($0.key.modelSpec), language \($0.key.language), sample \($0.key.sampleIndex)")
            }
            if !clashes.isEmpty { throw SuiteError.invalid(clashes) }
        } else {
            var models: [String] = []
            for a in answers where !models.contains(a.key.modelSpec) { models.append(a.key.modelSpec) }
            let configuration = RunConfiguration(suite: suiteReference, models: models)
            run = RunRecord(name: runName, suiteName: suite.name, suiteHash: suiteHash, configJSON: configuration.canonicalJSON,
                            fingerprint: SHA256.hex("import\n" + runName), status: .imported)
            created = true
        }
        let now = Date()
        let rows: [(key: PlanKey, generation: GenerationRecord)] = answers.map { answer in
            let prompt = suite.item(id: answer.key.itemID)?.prompt[Language(rawValue: answer.key.language)] ?? ""
            let messages = PromptMessages.json([StoredMessage(role: "user", text: prompt)])
            return (answer.key, GenerationRecord(planRowID: 0, requestHash: nil, messagesJSON: messages, responseText: answer.response,
                                                 attempts: 0, origin: .import, finishedAt: now))
        }
        try await store.importAnswers(run: run, answers: rows)
        return Outcome(runID: run.id, created: created, imported: answers.count)
    }
}
