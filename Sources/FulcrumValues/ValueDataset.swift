import Foundation
import FulcrumCore

/// One labelled dialogue from a FULCRA-format file.
public struct LabelledDialogue: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var dialogue: Dialogue
    public var vector: ValueVector
    /// FULCRA's `response_source` (the answering model) and `query_source`, when the file has them:
    /// the groups of cross-source validation.
    public var responseSource: String? = nil
    public var querySource: String? = nil
}

/// Loads FULCRA-format JSONL: `dialogue` (`Human: …\nBob: …`) or `prompt` + `response`, and
/// `value_types` labels (`"security: -1"`). Unknown value names and unreadable labels are errors
/// with file:line, reported all at once; noisy signs FULCRA is known for (`1`, `1+`) are repaired
/// and counted in `repairs`. A `.csv` file is a user's own labels instead (`ValueLabelSheet`).
public struct ValueDataset: Sendable {
    public var samples: [LabelledDialogue]
    public var repairs: [LineProblem]

    /// `headerLine`: a CSV's line of column names (a title row may sit above them).
    public static func load(_ urls: [URL], headerLine: Int = 1) throws(DataError) -> ValueDataset {
        var samples: [LabelledDialogue] = [], repairs: [LineProblem] = [], problems: [LineProblem] = []
        for url in urls {
            if url.pathExtension.lowercased() == "csv" {
                let sheet = try ValueLabelSheet.samples(url, headerLine: headerLine)
                samples += sheet.samples
                problems += sheet.problems
                continue
            }
            for (line, object, error) in try jsonLines(url) {
                func problem(_ m: String) { problems.append(LineProblem(path: url.path, line: line, message: m)) }
                guard let object else { problem(error ?? "unreadable line"); continue }
                guard let dialogue = ScoringRecord.dialogue(in: object) else {
                    problem("needs a `dialogue` string or `prompt` and `response` strings"); continue
                }
                guard let labels = object["value_types"] as? [Any] else {
                    problem("needs a `value_types` list of labels like \"security: -1\""); continue
                }
                guard let strings = labels as? [String] else { problem("`value_types` must hold strings"); continue }
                let parsed = ValueLabels.parse(strings)
                for issue in parsed.issues {
                    let p = LineProblem(path: url.path, line: line, message: issue.description)
                    // Mixed labels (+1 and −1 for one type, 23 of 1,318 real FULCRA dialogues) are read
                    // as 0 by Core and are repairs, like noisy signs; unknown or unreadable labels are errors.
                    if issue.isError { problems.append(p) } else { repairs.append(p) }
                }
                if parsed.isComplete {
                    samples.append(LabelledDialogue(file: url.path, line: line, dialogue: dialogue, vector: parsed.vector,
                                                    responseSource: object["response_source"] as? String,
                                                    querySource: object["query_source"] as? String))
                }
            }
            if samples.isEmpty && problems.isEmpty { throw .empty(file: url.path) }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return ValueDataset(samples: samples, repairs: repairs)
    }
}
