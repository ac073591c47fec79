import Foundation
import FulcrumEval
import FulcrumStore
import FulcrumValues

/// Answers to score: a JSONL file (`dialogue` or `prompt`+`response`, optional `id` and `model`), or
/// the id of a stored run, whose successful answers are read from the result database.
enum AnswerSource {
    struct Answer {
        var record: ScoringRecord
        var model: String?
    }

    static func load(_ reference: String, databasePath: String) async throws -> [Answer] {
        if FileManager.default.fileExists(atPath: reference) {
            let url = URL(fileURLWithPath: reference)
            let models = modelNames(url)
            return try ScoringRecord.load(url).map { Answer(record: $0, model: models[$0.line]) }
        }
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIUsageError("'\(reference)' is neither a file nor a run (no result database at \(databasePath))")
        }
        let store = try ResultStore(path: databasePath)
        guard try await store.run(id: reference) != nil else {
            throw CLIUsageError("'\(reference)' is neither a file nor a run in \(databasePath) (see `fulcrum runs list`)")
        }
        var answers: [Answer] = []
        for (index, result) in try await store.results(runID: reference).enumerated() {
            guard let generation = result.generation, generation.succeeded else { continue }
            let row = result.row
            let question = JudgeInputs.question(of: generation) ?? ""
            answers.append(Answer(record: ScoringRecord(line: index + 1, id: "\(row.itemID)|\(row.language)|\(row.sampleIndex)",
                                                        dialogue: Dialogue(prompt: question, response: generation.responseText ?? "")),
                                  model: row.modelSpec))
        }
        return answers
    }

    /// The optional `model` field per line (scoring records do not carry it).
    private static func modelNames(_ url: URL) -> [Int: String] {
        var out: [Int: String] = [:]
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return out }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let m = o["model"] as? String { out[i + 1] = m }
        }
        return out
    }
}
