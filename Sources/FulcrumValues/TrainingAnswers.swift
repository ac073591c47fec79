import Foundation
import FulcrumCore

/// The labelled answers a native model (safety judge or value evaluator) was trained on, as
/// fingerprints of each normalised question and answer, kept in the model file
/// (`metadata["trainingAnswers"]`). A model measured on answers it was trained on looks far better
/// than it is (in sample the shipped judge scores F1 ≥ 0.95; on answering models it never saw,
/// 0.60–0.92), so `judge calibrate`, `judge eval` and `values eval` leave such answers out, whatever
/// file or format they come in.
public struct TrainingAnswers: Sendable {
    public static let metadataKey = "trainingAnswers"
    private let fingerprints: Set<UInt64>

    public init(_ samples: [SafetySample]) {
        fingerprints = Set(samples.map { Self.fingerprint(question: $0.question, answer: $0.answer) })
    }

    public init(_ dialogues: [Dialogue]) {
        fingerprints = Set(dialogues.map { Self.fingerprint(question: $0.prompt, answer: $0.response) })
    }

    /// The set a model records; nil when the model predates the record (nothing can be checked).
    public init?(recordedIn metadata: [String: String]) throws(ModelFileError) {
        guard let text = metadata[Self.metadataKey] else { return nil }
        guard let data = Data(base64Encoded: text), data.count % 8 == 0 else {
            throw .corrupt(path: metadata["path"] ?? "model", reason: "unreadable \(Self.metadataKey)")
        }
        var set = Set<UInt64>(minimumCapacity: data.count / 8)
        for offset in stride(from: 0, to: data.count, by: 8) {
            set.insert(data[data.startIndex + offset ..< data.startIndex + offset + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) })
        }
        fingerprints = set
    }

    public var count: Int { fingerprints.count }

    /// `items` without those the model (its `metadata`) was trained on, and how many those were; a
    /// model file that predates the record leaves everything in. Throws when nothing is left: every
    /// figure would be in sample. `honestFigures` says where the model's out-of-sample figures are.
    static func unseen<Item>(_ items: [Item], metadata: [String: String], model: String, honestFigures: String,
                             isTraining: (TrainingAnswers, Item) -> Bool) throws -> (samples: [Item], leftOut: Int) {
        guard let trained = try TrainingAnswers(recordedIn: metadata) else { return (items, 0) }
        let unseen = items.filter { !isTraining(trained, $0) }
        guard !unseen.isEmpty || items.isEmpty else {
            throw OnlyTrainingAnswers(model: model, answers: items.count, honestFigures: honestFigures)
        }
        return (unseen, items.count - unseen.count)
    }

    /// Sorted little-endian fingerprints, base64: the same set always gives the same text.
    public var metadataValue: String {
        var data = Data(capacity: fingerprints.count * 8)
        for f in fingerprints.sorted() { withUnsafeBytes(of: f.littleEndian) { data.append(contentsOf: $0) } }
        return data.base64EncodedString()
    }

    public func contains(_ sample: SafetySample) -> Bool {
        fingerprints.contains(Self.fingerprint(question: sample.question, answer: sample.answer))
    }

    public func contains(_ dialogue: Dialogue) -> Bool {
        fingerprints.contains(Self.fingerprint(question: dialogue.prompt, answer: dialogue.response))
    }

    /// Question and answer compared as the split compares questions (`Dialogue.normalizedKey`: case,
    /// punctuation and line ends ignored), so a spreadsheet copy of a training answer is recognised.
    static func fingerprint(question: String, answer: String) -> UInt64 {
        var h = FNV1a()
        h.add(Dialogue.normalizedKey(question))
        h.endPart()
        h.add(Dialogue.normalizedKey(answer))
        return h.value
    }
}
