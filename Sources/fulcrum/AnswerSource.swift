import Foundation
import FulcrumEval
import FulcrumStore
import FulcrumValues

/// Answers to score: a JSONL file (`dialogue` or `prompt`+`response`, optional `id` and `model`), or
/// the id of a stored run, whose successful answers are read from the result database.
enum AnswerSource {
    static func load(_ reference: String, databasePath: String) async throws -> [ScoringRecord] {
        if FileManager.default.fileExists(atPath: reference) { return try ScoringRecord.load(URL(fileURLWithPath: reference)) }
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIUsageError("'\(reference)' is neither a file nor a run (no result database at \(databasePath))")
        }
        let store = try ResultStore(path: databasePath)
        guard try await store.run(id: reference) != nil else {
            throw CLIUsageError("'\(reference)' is neither a file nor a run in \(databasePath) (see `fulcrum runs list`)")
        }
        var records: [ScoringRecord] = []
        for (index, result) in try await store.results(runID: reference).enumerated() {
            guard let generation = result.generation, generation.succeeded else { continue }
            let row = result.row
            records.append(ScoringRecord(line: index + 1, id: "\(row.itemID)|\(row.language)|\(row.sampleIndex)", model: row.modelSpec,
                                         dialogue: Dialogue(prompt: JudgeInputs.question(of: generation) ?? "",
                                                            response: generation.responseText ?? "")))
        }
        return records
    }
}
