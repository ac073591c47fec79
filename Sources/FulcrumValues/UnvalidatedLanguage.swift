import FulcrumCore

/// Answers in one language whose value labels the evaluator's cross-source check does not cover
/// (fewer than `EvaluatorCheck.minimumDialoguesPerLanguage` checked dialogues in it).
public struct UnvalidatedLanguage: Codable, Sendable, Hashable {
    public var language: String
    public var answers: Int
    /// Dialogues in that language among those the evaluator was checked on.
    public var checkedDialogues: Int

    /// The languages of `answers` (counts per language) the check does not cover, sorted; nil when
    /// the evaluator's model file does not record the check's languages.
    public static func find(_ answers: [Language: Int], check: EvaluatorCheck?) -> [UnvalidatedLanguage]? {
        guard let check, let checked = check.languages else { return nil }
        return answers.filter { check.validates($0.key) == false }.sorted { $0.key < $1.key }
            .map { UnvalidatedLanguage(language: $0.key.rawValue, answers: $0.value, checkedDialogues: checked[$0.key.rawValue] ?? 0) }
    }

    /// One sentence for reports; nil when `list` is nil or empty.
    public static func sentence(_ list: [UnvalidatedLanguage]?, of total: Int, check: EvaluatorCheck?) -> String? {
        guard let list, !list.isEmpty else { return nil }
        let minimum = EvaluatorCheck.minimumDialoguesPerLanguage
        let checked = check?.languages?.filter { $0.value >= minimum }
            .sorted { $0.key < $1.key }.map { "\($0.value) dialogues in \($0.key)" }.joined(separator: ", ") ?? ""
        let answers = list.enumerated().map { i, l in i == 0 ? "\(l.answers) of \(total) answers are in \(l.language)" : "\(l.answers) in \(l.language)" }
        return "Unvalidated languages: " + answers.joined(separator: ", ") + "; the evaluator was checked on "
            + (checked.isEmpty ? "no language" : checked) + " and on fewer than \(minimum) in "
            + (list.count == 1 ? "that language" : "those") + ", so their value labels, and every profile and interval that includes them, are not validated."
    }
}
