/// A sparse feature vector: column indices into a model's vocabulary and their values.
public struct SparseRow: Sendable, Hashable {
    public var indices: [Int32]
    public var values: [Float]

    public init(indices: [Int32] = [], values: [Float] = []) {
        self.indices = indices
        self.values = values
    }

    public var count: Int { indices.count }
}
