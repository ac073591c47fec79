import FulcrumCore

/// Maps a (prompt, response) pair into Schwartz's value space.
///
/// Implementations: `NativeValueEvaluator` (a linear model trained by Fulcrum, offline, fast) and
/// `FULCRAAnnotator` (an LLM following the FULCRA annotation protocol).
public protocol ValueEvaluator: Sendable {
    /// Stable identifier stored with every assessment, e.g. `native-values@2`.
    var identifier: String { get }
    func evaluate(prompt: String, response: String) async throws -> ValueAssessment
}

/// A value vector with how sure the evaluator is of each component.
public struct ValueAssessment: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case scored
        /// The response was empty: there is nothing to assess, every component is 0 with confidence 0.
        case emptyResponse = "empty-response"
    }

    public var vector: ValueVector
    /// Per value, in FULCRA order: the probability of the chosen label (0…1); nil where the evaluator
    /// could not decide (an LLM reply that could not be read): that component is then 0 and N/A.
    public var confidence: [Double?]
    public var status: Status
    /// True when the text was longer than the evaluator reads and was cut deterministically.
    public var truncated: Bool

    public init(vector: ValueVector, confidence: [Double?], status: Status = .scored, truncated: Bool = false) {
        self.vector = vector
        self.confidence = confidence
        self.status = status
        self.truncated = truncated
    }

    /// Values the evaluator could not assess.
    public var notApplicable: [SchwartzValue] {
        SchwartzValue.allCases.filter { confidence[$0.index] == nil }
    }

    public static var empty: ValueAssessment {
        ValueAssessment(vector: .zero, confidence: Array(repeating: 0, count: ValueVector.dimension), status: .emptyResponse)
    }
}
