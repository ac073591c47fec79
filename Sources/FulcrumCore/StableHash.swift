/// 64-bit FNV-1a: a short fingerprint of text that is the same on every machine and run (Swift's
/// `Hasher` is seeded per process). For identifying text, not for security.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    /// Ends a part with a byte that never occurs in UTF-8 text, so ["ab", "c"] and ["a", "bc"] differ.
    public mutating func endPart() {
        value = (value ^ 0xFF) &* 0x100_0000_01b3
    }

    public var hex: String { String(value, radix: 16) }

    public static func hash(_ text: String) -> UInt64 {
        var h = FNV1a()
        h.add(text)
        return h.value
    }
}
