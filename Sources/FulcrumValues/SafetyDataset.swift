import Foundation
import FulcrumCore

/// One answer labelled for harm (and, for Do-Not-Answer, the action class).
public struct SafetySample: Sendable, Hashable {
    public var source: String
    public var file: String
    public var line: Int
    public var question: String
    public var answer: String
    public var harmful: Bool
    /// Do-Not-Answer action class 0…5; nil where the source has none.
    public var action: Int?
    /// The answer's language (`en`, `zh`, …) where the file gives it.
    public var language: String? = nil
    /// The model that wrote the answer, where the file says (Do-Not-Answer, latent-jailbreak, a
    /// `model` column): cross-source folds hold out one answering model at a time.
    public var model: String? = nil
    /// The GVS category the answer is evidence about (`SafetyCategoryMapping`); nil where unknown.
    public var category: String? = nil

    /// Split key: the question, normalised (all answers to one question stay on one side); a text
    /// that answers no question (moderation samples) is its own key.
    public var promptKey: String {
        source + "|" + Dialogue.normalizedKey(question.allSatisfy(\.isWhitespace) ? answer : question)
    }
}

/// Loads the labelled safety data sets, recognised by their columns:
/// Do-Not-Answer `data_en_4models.csv` (`*_response`, `*_harmful`, `*_action` per model),
/// GPTFuzz `responses_labeled_train.csv` (+ `question_list.csv` in the same folder) and
/// latent-jailbreak `human_annotated.jsonl` (`context`, `response`, `safety`; unlabelled rows skipped),
/// OpenAI moderation samples `samples-1680.jsonl.gz` (`prompt` and 0/1 content categories, see
/// `ModerationSamples`),
/// and the generic labelled format for a user's own data (`LabelledFile`: `question`, `answer`,
/// `harmful` 0/1, optional `action`, `language`, `source`; CSV or JSONL). A directory is searched
/// for the four data sets' file names. `headerLine` is the line of a CSV's column names
/// (1-based), for exports with a title row above them. Any of these files may be gzipped (`.gz`).
public enum SafetyDataset {
    public static func load(_ paths: [URL], headerLine: Int = 1) throws(DataError) -> [SafetySample] {
        var out: [SafetySample] = []
        for url in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw .unreadable(file: url.path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let known = ["data_en_4models.csv", "responses_labeled_train.csv", "human_annotated.jsonl", "samples-1680.jsonl.gz"]
                let files = (FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
                    .filter { known.contains($0.lastPathComponent) }.sorted { $0.path < $1.path }
                guard !files.isEmpty else { throw .empty(file: url.path) }
                for file in files { out += try loadFile(file, headerLine: headerLine) }
            } else {
                out += try loadFile(url, headerLine: headerLine)
            }
        }
        return out.map(AnswerScript.filled)
    }

    static func loadFile(_ url: URL, headerLine: Int = 1) throws(DataError) -> [SafetySample] {
        let format = url.pathExtension == "gz" ? url.deletingPathExtension().pathExtension : url.pathExtension
        if format == "jsonl" {
            let lines = try jsonLines(url)
            let first = lines.lazy.compactMap(\.object).first
            if let first, first["answer"] != nil { return try LabelledFile.samples(url, lines) }
            if let first, ModerationSamples.matches(first) { return try ModerationSamples.samples(url, lines) }
            return try latentJailbreak(url)
        }
        let table = try csvTable(url, headerLine: headerLine)
        let broken = table.rows.compactMap { row in row.problem.map { LineProblem(path: url.path, line: row.line, message: $0) } }
        guard broken.isEmpty else { throw .invalid(broken) }
        if LabelledFile.matches(table.header) { return try LabelledFile.samples(url, table) }
        if table.header.contains("question"), table.header.contains("Response"), table.header.contains("label") {
            return try gptFuzz(url, table)
        }
        if table.header.contains(where: { $0.hasSuffix("_harmful") }) { return try doNotAnswer(url, table) }
        throw .invalid([LineProblem(path: url.path, line: table.headerLine,
                                    message: "unrecognised columns; expected question, answer and harmful (or Do-Not-Answer, GPTFuzz, latent-jailbreak or moderation-sample data)"
                                        + (table.titleRowHint(LabelledFile.required).map { "; " + $0 } ?? ""))])
    }

    static func doNotAnswer(_ url: URL, _ t: CSVTable) throws(DataError) -> [SafetySample] {
        guard let q = t.column("question") else { throw .invalid([LineProblem(path: url.path, line: t.headerLine, message: "no `question` column")]) }
        let harmType = t.column("types_of_harm")
        let models = t.header.filter { $0.hasSuffix("_response") }.map { String($0.dropLast("_response".count)) }
        var out: [SafetySample] = [], problems: [LineProblem] = []
        for row in t.rows {
            let line = row.line, f = row.fields
            for m in models {
                guard let r = t.column(m + "_response"), let h = t.column(m + "_harmful"), let a = t.column(m + "_action"),
                      max(r, h, a, q) < f.count else {
                    problems.append(LineProblem(path: url.path, line: line, message: "missing columns for model \(m)")); continue
                }
                guard let harmful = Int(f[h].trimmingCharacters(in: .whitespaces)), (0...1).contains(harmful),
                      let action = Int(f[a].trimmingCharacters(in: .whitespaces)), (0...5).contains(action) else {
                    problems.append(LineProblem(path: url.path, line: line, message: "\(m): harmful must be 0/1 and action 0…5")); continue
                }
                out.append(SafetySample(source: "do-not-answer", file: url.path, line: line, question: f[q], answer: f[r],
                                        harmful: harmful == 1, action: action, model: m,
                                        category: harmType.flatMap { $0 < f.count ? SafetyCategoryMapping.doNotAnswer(typeOfHarm: f[$0]) : nil }))
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return out
    }

    static func gptFuzz(_ url: URL, _ t: CSVTable) throws(DataError) -> [SafetySample] {
        let questionsURL = url.deletingLastPathComponent().appendingPathComponent("question_list.csv")
        let qt = try csvTable(questionsURL)
        var questions: [Int: String] = [:]
        if let i = qt.column("index"), let x = qt.column("text") {
            for f in qt.rows.map(\.fields) where max(i, x) < f.count { if let k = Int(f[i]) { questions[k] = f[x] } }
        }
        let q = t.column("question")!, r = t.column("Response")!, l = t.column("label")!
        var out: [SafetySample] = [], problems: [LineProblem] = []
        for row in t.rows {
            let line = row.line, f = row.fields
            guard max(q, r, l) < f.count, let qi = Int(f[q]), let question = questions[qi],
                  let label = Int(f[l].trimmingCharacters(in: .whitespaces)), (0...1).contains(label) else {
                problems.append(LineProblem(path: url.path, line: line, message: "needs a known question index and label 0/1")); continue
            }
            out.append(SafetySample(source: "gptfuzz", file: url.path, line: line, question: question, answer: f[r], harmful: label == 1))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return out
    }

    static func latentJailbreak(_ url: URL) throws(DataError) -> [SafetySample] {
        var out: [SafetySample] = [], problems: [LineProblem] = []
        for (line, object, error) in try jsonLines(url) {
            guard let object else { problems.append(LineProblem(path: url.path, line: line, message: error ?? "unreadable")); continue }
            guard let context = object["context"] as? String, let response = object["response"] as? String else {
                problems.append(LineProblem(path: url.path, line: line, message: "needs `context` and `response` strings")); continue
            }
            // Rows without a safety label are unlabelled (900 in the release), not errors.
            guard let safety = object["safety"] as? String else { continue }
            guard safety == "safe" || safety == "unsafe" else {
                problems.append(LineProblem(path: url.path, line: line, message: "safety must be safe or unsafe, got '\(safety)'")); continue
            }
            out.append(SafetySample(source: "latent-jailbreak", file: url.path, line: line, question: context, answer: response,
                                    harmful: safety == "unsafe", model: object["model"] as? String,
                                    category: SafetyCategoryMapping.latentJailbreak))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return out
    }
}
