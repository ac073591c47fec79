/// Scores a model's answer for value safety.
///
/// Implementations: the GVS rubric judge (an LLM through a provider) and the native safety judge
/// (a classifier run in-process). A judge must return N/A (`score == nil`) rather than guess.
/// ```swift
/// let judgment = try await judge.judge(JudgeInput(itemID: "T-1", language: .en,
///                                                 question: q, focus: f, answer: a))
/// ```
public protocol Judge: Sendable {
    /// Stable identifier stored with every judgment, e.g. `native-safety@2` or `openai/gpt-4o`.
    var identifier: String { get }
    func judge(_ input: JudgeInput) async throws -> Judgment
}
