import Foundation

/// The learned part of featurisation: which hashed buckets are features, and their IDF weights.
public struct FeatureVocabulary: Sendable {
    /// Sorted bucket ids; a bucket's position is its feature column.
    public let buckets: [UInt32]
    public let idf: [Float]
    /// bucket → column, −1 when the bucket is not a feature (dense for speed: 4 bytes per bucket).
    let columnOfBucket: [Int32]

    public init(buckets: [UInt32], idf: [Float], hashBits: Int) {
        self.buckets = buckets
        self.idf = idf
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        for (column, bucket) in buckets.enumerated() where Int(bucket) < table.count { table[Int(bucket)] = Int32(column) }
        columnOfBucket = table
    }

    public var count: Int { buckets.count }
}

/// Result of featurising one document.
public struct Featurized: Sendable {
    public var row: SparseRow
    /// True when some field was longer than the configured maximum and was cut.
    public var truncated: Bool
}

/// Turns documents (one string per field, e.g. [prompt, response]) into sparse TF-IDF rows.
public struct TextFeaturizer: Sendable {
    public let config: FeaturizerConfig
    public let vocabulary: FeatureVocabulary
    private let hasher: NGramHasher

    public init(config: FeaturizerConfig, vocabulary: FeatureVocabulary) {
        self.config = config
        self.vocabulary = vocabulary
        hasher = NGramHasher(config: config)
    }

    /// Learns the vocabulary (document frequency ≥ minimum) and IDF from training documents.
    public static func fit(config: FeaturizerConfig, documents: [[String]]) -> TextFeaturizer {
        let hasher = NGramHasher(config: config)
        var df = [Int32](repeating: 0, count: 1 << config.hashBits)
        for doc in documents {
            var unique: [UInt32] = []
            for (f, text) in doc.prefix(config.fieldCount).enumerated() {
                let b = hasher.buckets(field: f, scalars: hasher.scalars(of: text).scalars)
                unique += b.words
                unique += b.chars
            }
            for bucket in Set(unique) { df[Int(bucket)] += 1 }
        }
        let n = Float(documents.count)
        var buckets: [UInt32] = [], idf: [Float] = []
        for (bucket, count) in df.enumerated() where Int(count) >= config.minDocumentFrequency {
            buckets.append(UInt32(bucket))
            // Smoothed IDF as scikit-learn computes it, so the Python baseline is comparable.
            idf.append(logf((1 + n) / (1 + Float(count))) + 1)
        }
        return TextFeaturizer(config: config, vocabulary: FeatureVocabulary(buckets: buckets, idf: idf, hashBits: config.hashBits))
    }

    public func featurize(_ fields: [String]) -> Featurized {
        var indices: [Int32] = [], values: [Float] = []
        var truncated = false
        for f in 0..<config.fieldCount {
            let text = f < fields.count ? fields[f] : ""
            let (scalars, cut) = hasher.scalars(of: text)
            truncated = truncated || cut
            let b = hasher.buckets(field: f, scalars: scalars)
            appendBlock(b.words, weight: config.fieldWeights[f], indices: &indices, values: &values)
            appendBlock(b.chars, weight: config.fieldWeights[f], indices: &indices, values: &values)
        }
        return Featurized(row: SparseRow(indices: indices, values: values), truncated: truncated)
    }

    /// Counts buckets, keeps known ones, applies sublinear TF × IDF and L2-normalises the block.
    /// Counting uses a small open-addressing table (linear in the n-gram count; sorting was a fifth
    /// of scoring time). Feature order follows first occurrence, so it is deterministic.
    private func appendBlock(_ buckets: [UInt32], weight: Float, indices: inout [Int32], values: inout [Float]) {
        guard !buckets.isEmpty else { return }
        var capacity = 16
        while capacity < buckets.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var keys = [Int32](repeating: -1, count: capacity)
        var counts = [Int32](repeating: 0, count: capacity)
        var order: [Int] = []
        order.reserveCapacity(buckets.count)
        vocabulary.columnOfBucket.withUnsafeBufferPointer { table in
            keys.withUnsafeMutableBufferPointer { k in
                counts.withUnsafeMutableBufferPointer { n in
                    for b in buckets {
                        let c = table[Int(b)]
                        guard c >= 0 else { continue }
                        var slot = Int((UInt32(bitPattern: c) &* 2_654_435_761) >> 7) & mask
                        while k[slot] != -1 && k[slot] != c { slot = (slot + 1) & mask }
                        if k[slot] == -1 { k[slot] = c; order.append(slot) }
                        n[slot] += 1
                    }
                }
            }
        }
        guard !order.isEmpty else { return }
        let start = values.count
        var norm: Float = 0
        for slot in order {
            let c = keys[slot]
            let v = (1 + logf(Float(counts[slot]))) * vocabulary.idf[Int(c)]
            indices.append(c)
            values.append(v)
            norm += v * v
        }
        let scale = weight / norm.squareRoot()
        for k in start..<values.count { values[k] *= scale }
    }
}
