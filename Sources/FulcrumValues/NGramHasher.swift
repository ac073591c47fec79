/// Turns text into hashed n-gram buckets. Uses its own FNV-1a/SplitMix hashing (never Swift's
/// `Hasher`, which is seeded per process) so a model trained on one machine scores the same on another.
struct NGramHasher: Sendable {
    let config: FeaturizerConfig
    private var mask: UInt64 { (1 << UInt64(config.hashBits)) - 1 }

    init(config: FeaturizerConfig) { self.config = config }

    /// The two blocks of one field: word n-gram buckets and character n-gram buckets (with repeats).
    struct FieldBuckets {
        var words: [UInt32]
        var chars: [UInt32]
    }

    /// Lower-cased scalars of a field, cut to the configured maximum; `truncated` says whether it was cut.
    func scalars(of text: String) -> (scalars: [UInt32], truncated: Bool) {
        var out: [UInt32] = []
        out.reserveCapacity(min(text.utf8.count, config.maxScalarsPerField))
        var truncated = false
        for scalar in text.unicodeScalars {
            if out.count >= config.maxScalarsPerField { truncated = true; break }
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? v + 32 : v)
            } else if scalar.properties.changesWhenLowercased {
                for l in scalar.properties.lowercaseMapping.unicodeScalars { out.append(l.value) }
            } else {
                out.append(v)
            }
        }
        return (out, truncated)
    }

    func buckets(field: Int, scalars s: [UInt32]) -> FieldBuckets {
        FieldBuckets(words: wordBuckets(field: field, s), chars: charBuckets(field: field, s))
    }

    private static let prime: UInt64 = 0x100_0000_01b3
    private static let offset: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func finish(_ h: UInt64) -> UInt64 {
        var z = h
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Namespace seed: field index and block kind, so identical n-grams in prompt and response differ.
    private static func seed(field: Int, kind: UInt64) -> UInt64 {
        finish(offset ^ (UInt64(field) &* 0x9E37_79B9_7F4A_7C15) ^ (kind << 56))
    }

    private static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 48 && v <= 57) || (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || v == 95 }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    private static func isSpace(_ v: UInt32) -> Bool {
        v == 32 || v == 9 || v == 10 || v == 13 || v == 0xA0 || v == 0x3000
    }

    /// Words of two or more scalars (as scikit-learn's default token pattern), then n-grams of them.
    private func wordBuckets(field: Int, _ s: [UInt32]) -> [UInt32] {
        var wordHashes: [UInt64] = []
        var h = Self.offset, length = 0
        for v in s {
            if Self.isWordScalar(v) {
                h = (h ^ UInt64(v)) &* Self.prime
                length += 1
            } else {
                if length >= 2 { wordHashes.append(h) }
                h = Self.offset; length = 0
            }
        }
        if length >= 2 { wordHashes.append(h) }
        let seed = Self.seed(field: field, kind: 1)
        var out: [UInt32] = []
        out.reserveCapacity(wordHashes.count * (config.wordMaxN - config.wordMinN + 1))
        for i in wordHashes.indices {
            var g = seed
            for n in 1...config.wordMaxN where i + n <= wordHashes.count {
                g = Self.finish(g ^ wordHashes[i + n - 1])
                if n >= config.wordMinN { out.append(UInt32(truncatingIfNeeded: g & mask)) }
            }
        }
        return out
    }

    /// Character n-grams over the text with runs of white space collapsed to one space and a space
    /// at each end, so word starts and ends are marked; works for scripts without spaces (Chinese).
    private func charBuckets(field: Int, _ s: [UInt32]) -> [UInt32] {
        var t: [UInt32] = [32]
        t.reserveCapacity(s.count + 2)
        for v in s {
            if Self.isSpace(v) { if t.last != 32 { t.append(32) } } else { t.append(v) }
        }
        if t.last != 32 { t.append(32) }
        let seed = Self.seed(field: field, kind: 2)
        var out: [UInt32] = []
        out.reserveCapacity(t.count * (config.charMaxN - config.charMinN + 1))
        let count = t.count
        let minN = config.charMinN, maxN = config.charMaxN, m = mask
        t.withUnsafeBufferPointer { p in
            for i in 0..<count {
                var h = seed
                var n = 0
                while n < maxN && i + n < count {
                    h = (h ^ UInt64(p[i + n])) &* Self.prime
                    n += 1
                    if n >= minN { out.append(UInt32(truncatingIfNeeded: Self.finish(h) & m)) }
                }
            }
        }
        return out
    }
}
