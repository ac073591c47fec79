/// All heads of a model interleaved feature-major (`weights[feature * width + offset(head) + class]`),
/// so scoring a document touches each feature's weights for every head in one cache line instead
/// of one scattered read per head. Weights are Int8 with one scale per head (exactly the model
/// file's quantisation), so a feature's row for all ten value heads fits in one 64-byte cache line;
/// scoring is bound by memory latency, not arithmetic.
struct FusedHeads: Sendable {
    let width: Int
    let offsets: [Int]
    let weights: [Int8]
    let scales: [Float]
    let bias: [Float]

    init(_ heads: [LinearHead], featureCount: Int) {
        var offsets: [Int] = [], width = 0
        for h in heads { offsets.append(width); width += h.classCount }
        var w = [Int8](repeating: 0, count: featureCount * width)
        var scales = [Float](repeating: 1, count: width)
        for (h, head) in heads.enumerated() {
            let k = head.classCount, o = offsets[h]
            guard head.weights.count == featureCount * k else { continue }
            let scale = ModelFile.quantisationScale(head.weights)
            for c in 0..<k { scales[o + c] = scale }
            for f in 0..<featureCount {
                for c in 0..<k { w[f * width + o + c] = ModelFile.quantise(head.weights[f * k + c], scale) }
            }
        }
        self.width = width
        self.offsets = offsets
        self.weights = w
        self.scales = scales
        self.bias = heads.flatMap(\.bias)
    }

    /// Class probabilities of every head, in head order.
    func probabilities(_ row: SparseRow, heads: [LinearHead]) -> [[Double]] {
        var scores = [Float](repeating: 0, count: width)
        let width = self.width
        scores.withUnsafeMutableBufferPointer { s in
            weights.withUnsafeBufferPointer { w in
                row.indices.withUnsafeBufferPointer { idx in
                    row.values.withUnsafeBufferPointer { val in
                        for i in 0..<idx.count {
                            let x = val[i]
                            let base = Int(idx[i]) * width
                            for j in 0..<width { s[j] += Float(w[base + j]) * x }
                        }
                    }
                }
            }
        }
        return heads.indices.map { h in
            let o = offsets[h], k = heads[h].classCount
            guard k > 1 else { return [1] }
            return LinearHead.softmax((o..<o + k).map { Double(scores[$0] * scales[$0] + bias[$0]) })
        }
    }
}
