/// How text becomes features: hashed word and character n-grams, one namespace per text field
/// (prompt and response never share a feature), sublinear TF × IDF, each block L2-normalised.
public struct FeaturizerConfig: Codable, Sendable, Hashable {
    /// Buckets = 2^hashBits. Collisions are rare at 20 bits for corpora of this size.
    public var hashBits: Int
    public var wordMinN: Int
    public var wordMaxN: Int
    public var charMinN: Int
    public var charMaxN: Int
    /// A bucket must occur in at least this many training documents to become a feature.
    public var minDocumentFrequency: Int
    /// Per-field multipliers (prompt, response…): how much each field's blocks count.
    public var fieldWeights: [Float]
    /// Text beyond this many Unicode scalars per field is cut off (deterministically, from the end).
    public var maxScalarsPerField: Int

    public init(hashBits: Int = 20, wordMinN: Int = 1, wordMaxN: Int = 2, charMinN: Int = 2, charMaxN: Int = 5,
                minDocumentFrequency: Int = 2, fieldWeights: [Float] = [1, 1], maxScalarsPerField: Int = 16_384) {
        self.hashBits = hashBits
        self.wordMinN = wordMinN
        self.wordMaxN = wordMaxN
        self.charMinN = charMinN
        self.charMaxN = charMaxN
        self.minDocumentFrequency = minDocumentFrequency
        self.fieldWeights = fieldWeights
        self.maxScalarsPerField = maxScalarsPerField
    }

    public var fieldCount: Int { fieldWeights.count }
}
