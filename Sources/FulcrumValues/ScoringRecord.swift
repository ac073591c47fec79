import Foundation
import FulcrumCore

/// One record to score: an optional id and model and a dialogue, from JSONL with `dialogue` or
/// `prompt` + `response` (also `question` + `answer`).
public struct ScoringRecord: Sendable, Hashable {
    public var line: Int
    public var id: String?
    /// The model that wrote the response, when the record names one.
    public var model: String?
    public var dialogue: Dialogue

    public init(line: Int, id: String?, model: String? = nil, dialogue: Dialogue) {
        self.line = line
        self.id = id
        self.model = model
        self.dialogue = dialogue
    }

    static func dialogue(in object: [String: Any]) -> Dialogue? {
        if let text = object["dialogue"] as? String { return Dialogue(parsing: text) }
        let prompt = (object["prompt"] ?? object["question"]) as? String
        let response = (object["response"] ?? object["answer"]) as? String
        if let prompt, let response { return Dialogue(prompt: prompt, response: response) }
        return nil
    }

    /// Reads every record of a file; any malformed line is an error naming file and line.
    public static func load(_ url: URL) throws(DataError) -> [ScoringRecord] {
        var records: [ScoringRecord] = [], problems: [LineProblem] = []
        for (line, object, error) in try jsonLines(url) {
            guard let object else { problems.append(LineProblem(path: url.path, line: line, message: error ?? "unreadable")); continue }
            guard let dialogue = dialogue(in: object) else {
                problems.append(LineProblem(path: url.path, line: line,
                                            message: "needs a `dialogue` string or `prompt` and `response` strings"))
                continue
            }
            let id = (object["id"] as? String) ?? (object["id"] as? Int).map(String.init)
            records.append(ScoringRecord(line: line, id: id, model: object["model"] as? String, dialogue: dialogue))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return records
    }
}
