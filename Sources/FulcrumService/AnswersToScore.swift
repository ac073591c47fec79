import Foundation
import FulcrumEval
import FulcrumStore
import FulcrumValues

/// Answers to score in value space: a JSONL or CSV file (`dialogue` or `prompt`+`response`, optional
/// `id` and `model`), or the id of a stored run, whose successful answers are read from the result store.
public enum AnswersToScore {
    /// `headerLine`: a CSV's line of column names (a title row may sit above them).
    public static func load(_ reference: String, location: StoreLocation, headerLine: Int = 1) async throws -> [ScoringRecord] {
        if FileManager.default.fileExists(atPath: reference) {
            return try ScoringRecord.load(URL(fileURLWithPath: reference), headerLine: headerLine)
        }
        // Opening a missing SQLite file would create an empty database just to find no run in it.
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw ServiceError.neitherFileNorRun(reference, location: path, databaseMissing: true)
        }
        return try await StoreOpening.with(location) { store in
            guard try await store.run(id: reference) != nil else {
                throw ServiceError.neitherFileNorRun(reference, location: location.description, databaseMissing: false)
            }
            return try await records(runID: reference, store: store)
        }
    }

    /// A stored run's successful answers, each with the question exactly as the model received it.
    /// Ids are `item|language|sample`.
    public static func records(runID: String, store: any ResultStore) async throws -> [ScoringRecord] {
        var records: [ScoringRecord] = []
        for (index, result) in try await store.results(runID: runID).enumerated() {
            guard let generation = result.generation, generation.succeeded else { continue }
            let row = result.row
            records.append(ScoringRecord(line: index + 1, id: "\(row.itemID)|\(row.language)|\(row.sampleIndex)", model: row.modelSpec,
                                         dialogue: Dialogue(prompt: JudgeInputs.question(of: generation) ?? "",
                                                            response: generation.responseText ?? "")))
        }
        return records
    }
}
