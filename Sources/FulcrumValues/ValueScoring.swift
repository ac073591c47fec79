import FulcrumCore

/// Scores answers in value space, one result per record: what `values score` writes as JSON Lines.
public struct ValueScoring: Sendable {
    /// One scored record. Field names are the output's JSON keys.
    public struct Line: Codable, Sendable, Hashable {
        public var line: Int
        public var id: String?
        public var model: String?
        public var vector: ValueVector
        public var labels: [String]
        /// Per value, rounded to 4 decimals: more digits are noise and make outputs hard to compare.
        public var confidence: [Double?]
        /// `scored` or `empty-response`.
        public var status: String
        public var truncated: Bool
    }

    public var lines: [Line]
    /// Records longer than the model reads per field (the rest was cut off).
    public var truncated: Int
    /// Records with an empty response, given a zero vector with confidence 0.
    public var empty: Int

    public static func score(_ records: [ScoringRecord], with evaluator: NativeValueEvaluator) -> ValueScoring {
        var scoring = ValueScoring(lines: [], truncated: 0, empty: 0)
        for record in records {
            var a = evaluator.assess(prompt: record.dialogue.prompt, response: record.dialogue.response)
            a.confidence = a.confidence.map { $0.map { ($0 * 10_000).rounded() / 10_000 } }
            if a.truncated { scoring.truncated += 1 }
            if a.status == .emptyResponse { scoring.empty += 1 }
            scoring.lines.append(Line(line: record.line, id: record.id, model: record.model, vector: a.vector, labels: a.vector.labels,
                                      confidence: a.confidence, status: a.status.rawValue, truncated: a.truncated))
        }
        return scoring
    }
}
