/// Parses FULCRA's value label lists (`["security: -1", "benevolence: +1"]`) into a `ValueVector`.
///
/// Real data is noisy. Signs appear as `+1`, `1`, `1+`, `=1` (all read as +1) and `-1`, `1-` (−1);
/// `humility` folds under conformity. Each such repair and each unreadable label is reported as an
/// issue, so a caller can count, show or reject them; nothing is silently guessed.
public enum ValueLabels {
    public struct Parsed: Sendable, Equatable {
        public var vector: ValueVector
        public var issues: [ValueLabelIssue]
        /// True when every label was read (repairs of a sign or a folded type are allowed).
        public var isComplete: Bool { !issues.contains { $0.isError } }
    }

    public static func parse(_ labels: [String]) -> Parsed {
        var vector = ValueVector()
        var issues: [ValueLabelIssue] = []
        var seen: [SchwartzValue: Double] = [:]
        for label in labels {
            guard let colon = label.lastIndex(of: ":") else {
                issues.append(.malformed(label: label, reason: "no ':' between value and sign"))
                continue
            }
            let name = String(label[..<colon]).trimmingCharacters(in: .whitespaces)
            let signText = String(label[label.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            guard let value = SchwartzValue(name: name) else {
                issues.append(.unknownValue(label: label, name: name))
                continue
            }
            if name.lowercased() == "humility" { issues.append(.folded(label: label, into: .conformity)) }
            guard let sign = readSign(signText) else {
                issues.append(.malformed(label: label, reason: "unreadable sign '\(signText)'"))
                continue
            }
            if !["+1", "-1", "0"].contains(signText) { issues.append(.repairedSign(label: label, read: sign)) }
            if let previous = seen[value], previous != sign {
                // FULCRA rolls item labels up into types, so one answer can support and oppose the
                // same type through different items (helpful +1, honest −1). Read it as mixed: 0.
                issues.append(.mixed(value: value))
                vector[value] = 0
                continue
            }
            seen[value] = sign
            vector[value] = sign
        }
        return Parsed(vector: vector, issues: issues)
    }

    /// Reads a sign token; nil when it is not one of the forms found in FULCRA data.
    package static func readSign(_ text: String) -> Double? {
        switch text {
        case "+1", "1", "1+", "=1", "+ 1": 1
        case "-1", "1-", "- 1", "−1": -1
        case "0", "+0", "-0": 0
        default: nil
        }
    }
}

public enum ValueLabelIssue: Sendable, Equatable, CustomStringConvertible {
    case unknownValue(label: String, name: String)
    case malformed(label: String, reason: String)
    case repairedSign(label: String, read: Double)
    case folded(label: String, into: SchwartzValue)
    /// Both +1 and −1 for one value type.
    case mixed(value: SchwartzValue)

    /// Errors lose information; repairs and folds do not.
    public var isError: Bool {
        switch self {
        case .unknownValue, .malformed: true
        case .repairedSign, .folded, .mixed: false
        }
    }

    public var description: String {
        switch self {
        case .unknownValue(let label, let name): "unknown value type '\(name)' in label '\(label)'"
        case .malformed(let label, let reason): "malformed label '\(label)': \(reason)"
        case .repairedSign(let label, let read): "noisy sign in '\(label)' read as \(read > 0 ? "+1" : read < 0 ? "-1" : "0")"
        case .folded(let label, let into): "'\(label)' folded under \(into.rawValue)"
        case .mixed(let value): "both +1 and -1 for \(value.rawValue): read as mixed (0)"
        }
    }
}
