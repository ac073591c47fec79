/// A point in Schwartz's value space: one component per basic value, each in [−1, 1]
/// (−1 opposed, 0 no connection, +1 important), in FULCRA's order.
///
/// Encodes as a JSON array of 10 numbers in `SchwartzValue.allCases` order.
public struct ValueVector: Sendable, Hashable, Codable, CustomStringConvertible {
    public private(set) var components: [Double]

    public static let dimension = SchwartzValue.allCases.count
    public static let zero = ValueVector()

    public init() { components = Array(repeating: 0, count: Self.dimension) }

    /// Creates a vector from 10 components; values outside [−1, 1] are clamped.
    public init(_ components: [Double]) throws(ValueVectorError) {
        guard components.count == Self.dimension else { throw .wrongDimension(components.count) }
        guard components.allSatisfy(\.isFinite) else { throw .notFinite }
        self.components = components.map { min(1, max(-1, $0)) }
    }

    public init(_ values: [SchwartzValue: Double]) {
        self.init()
        for (value, score) in values { self[value] = score }
    }

    public subscript(value: SchwartzValue) -> Double {
        get { components[value.index] }
        set { components[value.index] = newValue.isFinite ? min(1, max(-1, newValue)) : 0 }
    }

    /// Values with a non-zero component, in FULCRA order.
    public var nonZero: [(SchwartzValue, Double)] {
        SchwartzValue.allCases.compactMap { self[$0] != 0 ? ($0, self[$0]) : nil }
    }

    /// FULCRA's label strings for the non-zero components, e.g. `["security: -1"]`.
    public var labels: [String] {
        nonZero.map { value, score in
            let s = score == score.rounded() ? String(format: "%+d", Int(score)) : String(format: "%+.2f", score)
            return "\(value.rawValue): \(s)"
        }
    }

    public var description: String { "[" + components.map { String(format: "%.2f", $0) }.joined(separator: ", ") + "]" }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([Double].self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(components)
    }
}

public enum ValueVectorError: Error, Equatable, CustomStringConvertible {
    case wrongDimension(Int)
    case notFinite

    public var description: String {
        switch self {
        case .wrongDimension(let n): "a value vector has \(ValueVector.dimension) components, got \(n)"
        case .notFinite: "a value vector component is not a finite number"
        }
    }
}
