import Foundation
import FulcrumCore
import FulcrumStore

/// What a judge is shown for a stored answer: the question exactly as the model received it (from the
/// stored messages, so a later change to the suite file cannot change it) and the item's evaluation focus.
public enum JudgeInputs {
    /// The last user message the model was sent, as stored with its answer.
    public static func question(of generation: GenerationRecord) -> String? {
        let messages = (try? JSONDecoder().decode([StoredMessage].self, from: Data(generation.messagesJSON.utf8))) ?? []
        return messages.last { $0.role == "user" }?.text
    }

    public static func make(row: PlanRowRecord, generation: GenerationRecord, item: SuiteItem?) -> JudgeInput {
        let language = Language(rawValue: row.language)
        let question = Self.question(of: generation) ?? item?.prompt[language] ?? ""
        return JudgeInput(itemID: row.itemID, category: item?.category, language: language, question: question,
                          focus: item?.focus[language] ?? item?.focus[.en], answer: generation.responseText ?? "")
    }
}
