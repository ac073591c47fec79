import Foundation

/// A trained text classifier: featuriser settings, vocabulary and one or more linear heads.
/// Both the value evaluator (10 heads, one per Schwartz value) and the safety judge (harm and
/// action heads) are stored in this form.
public struct LinearTextModel: Sendable {
    /// What the model is for, checked on load: `fulcra-values` or `safety`.
    public var kind: String
    public var featurizer: TextFeaturizer
    public var heads: [LinearHead]
    /// Free-form facts about training (data, seed, split, held-out figures), kept with the model.
    public var metadata: [String: String]

    public init(kind: String, featurizer: TextFeaturizer, heads: [LinearHead], metadata: [String: String] = [:]) {
        self.kind = kind
        self.featurizer = featurizer
        self.heads = heads
        self.metadata = metadata
    }

    public func head(named name: String) -> LinearHead? { heads.first { $0.name == name } }
}

public enum ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAModel(path: String)
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    case wrongKind(path: String, found: String, expected: String)
    case corrupt(path: String, reason: String)
    case missingResource(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read model file: \(reason)"
        case .notAModel(let path): "\(path): not a Fulcrum model file (bad magic bytes)"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path): model file format version \(found) is not supported by this Fulcrum (it reads version \(supported)); retrain it with `fulcrum values train` / `fulcrum judge train`"
        case .wrongKind(let path, let found, let expected): "\(path): model is a '\(found)' model, expected '\(expected)'"
        case .corrupt(let path, let reason): "\(path): model file is corrupt: \(reason)"
        case .missingResource(let name): "the built-in model '\(name)' is missing from the package resources"
        }
    }
}
