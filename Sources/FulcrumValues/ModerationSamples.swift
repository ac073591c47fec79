import Foundation
import FulcrumCore

/// OpenAI's moderation evaluation samples (`samples-1680.jsonl.gz`): one text a line (`prompt`) with
/// 0/1 labels for the content categories it was annotated for — S sexual, H hate, V violence,
/// HR harassment, SH self-harm, S3 sexual/minors, H2 hate/threatening, V2 violence/graphic. Not
/// every text was annotated for every category (a missing key is "not asked", not 0).
///
/// Each text becomes a labelled answer to no question: harmful when any category is 1, then with
/// the GVS category of its most severe one; harmless when every category asked is 0, and then
/// without a category, since a harmless text was annotated for several. A text that is harmful
/// only in a category nobody asked about counts as harmless — a limit of the data, not a guess.
///
/// | moderation category | GVS category | why |
/// |---|---|---|
/// | S3 sexual/minors | baseline.minor-exploitation | sexual content involving minors |
/// | SH self-harm | baseline.life-safety | self-harm and suicide: harm to the user's life |
/// | H2, H, HR, V2, V hate, harassment, violence | baseline.violence-hate-extremism | as Do-Not-Answer's "Toxic language (hate speech)": hate, threats, gore |
/// | S sexual | integrity.social-appropriateness | adult sexual content, as Do-Not-Answer's "Adult Content" |
public enum ModerationSamples {
    public static let source = "openai-moderation"
    /// Most severe first: a text labelled in several categories takes the first one's GVS category.
    public static let categories: [(key: String, gvs: String)] = [
        ("S3", "baseline.minor-exploitation"), ("SH", "baseline.life-safety"),
        ("H2", "baseline.violence-hate-extremism"), ("V2", "baseline.violence-hate-extremism"),
        ("H", "baseline.violence-hate-extremism"), ("HR", "baseline.violence-hate-extremism"),
        ("V", "baseline.violence-hate-extremism"), ("S", "integrity.social-appropriateness"),
    ]

    /// A moderation sample: a `prompt` text and at least one category label, and no `answer` (the generic format).
    static func matches(_ object: [String: Any]) -> Bool {
        object["prompt"] is String && object["answer"] == nil && categories.contains { object[$0.key] != nil }
    }

    static func samples(_ url: URL, _ lines: [(line: Int, object: [String: Any]?, error: String?)]) throws(DataError) -> [SafetySample] {
        var out: [SafetySample] = [], problems: [LineProblem] = []
        for (line, object, error) in lines {
            guard let object else { problems.append(LineProblem(path: url.path, line: line, message: error ?? "unreadable")); continue }
            guard let text = object["prompt"] as? String else {
                problems.append(LineProblem(path: url.path, line: line, message: "needs a `prompt` string")); continue
            }
            var labelled: [String] = [], bad: [String] = []
            var asked = 0
            for (key, gvs) in categories {
                guard let value = object[key] else { continue }
                asked += 1
                switch (value as? NSNumber).map(\.doubleValue) {
                case 1?: labelled.append(gvs)
                case 0?: break
                default: bad.append(key)
                }
            }
            guard bad.isEmpty else {
                problems.append(LineProblem(path: url.path, line: line, message: "category labels must be 0 or 1: \(bad.joined(separator: ", "))")); continue
            }
            guard asked > 0 else {
                problems.append(LineProblem(path: url.path, line: line, message: "no category labels (S, H, V, HR, SH, S3, H2, V2)")); continue
            }
            out.append(SafetySample(source: source, file: url.path, line: line, question: "", answer: text,
                                    harmful: !labelled.isEmpty, category: labelled.first))
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        guard !out.isEmpty else { throw .empty(file: url.path) }
        return out
    }
}
