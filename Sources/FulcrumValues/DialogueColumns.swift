import Foundation
import FulcrumCore

/// Where a CSV row holds its dialogue: a `dialogue` column (`Human: …\nBob: …`), or `prompt` (also
/// `question`) and `response` (also `answer`), in any case; the CSV side of `ScoringRecord.dialogue(in:)`.
struct DialogueColumns {
    static let expected = "needs a `dialogue` column or `prompt` and `response` columns"
    private var dialogue: Int?, prompt: Int?, response: Int?

    /// Nil when the header has neither form.
    init?(_ table: CSVTable) {
        dialogue = table.column(anyCase: "dialogue")
        prompt = table.column(anyCase: "prompt") ?? table.column(anyCase: "question")
        response = table.column(anyCase: "response") ?? table.column(anyCase: "answer")
        guard dialogue != nil || (prompt != nil && response != nil) else { return nil }
    }

    /// The title-row hint for a header without them: a later line that names either form.
    static func titleRowHint(_ table: CSVTable) -> String? {
        table.titleRowHint(["prompt", "response"], naming: "the dialogue's columns")
            ?? table.titleRowHint(["question", "answer"], naming: "the dialogue's columns")
            ?? table.titleRowHint(["dialogue"], naming: "the dialogue's columns")
    }

    /// The dialogue of a well-formed row (as many fields as the header).
    func dialogue(_ row: CSVRecord) -> Dialogue {
        if let dialogue { return Dialogue(parsing: row.fields[dialogue]) }
        return Dialogue(prompt: prompt.map { row.fields[$0] } ?? "", response: response.map { row.fields[$0] } ?? "")
    }
}
