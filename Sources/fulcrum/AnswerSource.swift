import Foundation
import FulcrumEval
import FulcrumStore
import FulcrumValues

/// Answers to score: a JSONL file (`dialogue` or `prompt`+`response`, optional `id` and `model`), or
/// the id of a stored run, whose successful answers are read from the result database.
enum AnswerSource {
    static func load(_ reference: String, store options: StoreOptions) async throws -> [ScoringRecord] {
        if FileManager.default.fileExists(atPath: reference) { return try ScoringRecord.load(URL(fileURLWithPath: reference)) }
        let location = try options.location()
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CLIUsageError("'\(reference)' is neither a file nor a run (no result database at \(path))")
        }
        let store = try await options.open()
        guard try await store.run(id: reference) != nil else {
            throw CLIUsageError("'\(reference)' is neither a file nor a run in \(location) (see `fulcrum runs list`)")
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
