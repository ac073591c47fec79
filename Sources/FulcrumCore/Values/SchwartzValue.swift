/// Schwartz's ten basic human values, in the fixed order used by Value FULCRA.
///
/// `allCases` is that order; every `ValueVector` stores its components in it.
public enum SchwartzValue: String, CaseIterable, Codable, Sendable, Hashable {
    case selfDirection = "self-direction"
    case stimulation
    case hedonism
    case achievement
    case power
    case security
    case tradition
    case conformity
    case benevolence
    case universalism

    /// Position in FULCRA's order (0…9).
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public var displayName: String {
        switch self {
        case .selfDirection: "Self-direction"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    public var nameZh: String {
        switch self {
        case .selfDirection: "自主"
        case .stimulation: "刺激"
        case .hedonism: "享乐"
        case .achievement: "成就"
        case .power: "权力"
        case .security: "安全"
        case .tradition: "传统"
        case .conformity: "遵从"
        case .benevolence: "仁慈"
        case .universalism: "普世"
        }
    }

    /// The motivational goal of the value, in our words.
    public var definition: String {
        switch self {
        case .selfDirection: "Independent thought and action: choosing, creating, exploring."
        case .stimulation: "Excitement, novelty and challenge in life."
        case .hedonism: "Pleasure and sensuous gratification for oneself."
        case .achievement: "Personal success through demonstrated competence by social standards."
        case .power: "Social status and prestige; control or dominance over people and resources."
        case .security: "Safety, harmony and stability of society, relationships and self."
        case .tradition: "Respect for and acceptance of the customs and ideas of one's culture or religion."
        case .conformity: "Restraint of actions and impulses likely to upset or harm others or break social norms."
        case .benevolence: "Preserving and enhancing the welfare of people one is in close contact with."
        case .universalism: "Understanding, tolerance and protection of the welfare of all people and of nature."
        }
    }

    /// The higher-order groups the value belongs to (hedonism shares openness and self-enhancement).
    public var groups: [HigherOrderValueGroup] {
        switch self {
        case .selfDirection, .stimulation: [.opennessToChange]
        case .hedonism: [.opennessToChange, .selfEnhancement]
        case .achievement, .power: [.selfEnhancement]
        case .security, .tradition, .conformity: [.conservation]
        case .benevolence, .universalism: [.selfTranscendence]
        }
    }

    /// Order around Schwartz's motivational circle; neighbours on it are compatible.
    /// Conformity and tradition share one wedge and are listed next to each other.
    public static let circle: [SchwartzValue] = [
        .selfDirection, .stimulation, .hedonism, .achievement, .power,
        .security, .conformity, .tradition, .benevolence, .universalism,
    ]

    /// The two values beside this one on the circle.
    public var adjacent: [SchwartzValue] {
        let ring = Self.circle
        let i = ring.firstIndex(of: self)!
        return [ring[(i + ring.count - 1) % ring.count], ring[(i + 1) % ring.count]]
    }

    /// Values across the circle, whose pursuit conflicts with this one's.
    public var opposed: [SchwartzValue] {
        switch self {
        case .selfDirection: [.security, .conformity, .tradition]
        case .stimulation: [.security, .conformity, .tradition]
        case .hedonism: [.conformity, .tradition]
        case .achievement: [.benevolence, .universalism]
        case .power: [.universalism, .benevolence]
        case .security: [.selfDirection, .stimulation]
        case .tradition: [.stimulation, .hedonism, .selfDirection]
        case .conformity: [.stimulation, .hedonism, .selfDirection]
        case .benevolence: [.achievement, .power]
        case .universalism: [.power, .achievement]
        }
    }

    /// Parses a value type name as found in data: `security`, `Self-Direction`, `self direction`.
    /// `humility` folds under conformity (FULCRA's rare eleventh type).
    public init?(name: String) {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        if key == "humility" { self = .conformity; return }
        self.init(rawValue: key)
    }
}

/// Schwartz's four higher-order value groups, in two opposed pairs.
public enum HigherOrderValueGroup: String, CaseIterable, Codable, Sendable {
    case opennessToChange = "openness-to-change"
    case selfEnhancement = "self-enhancement"
    case conservation
    case selfTranscendence = "self-transcendence"

    public var opposite: HigherOrderValueGroup {
        switch self {
        case .opennessToChange: .conservation
        case .conservation: .opennessToChange
        case .selfEnhancement: .selfTranscendence
        case .selfTranscendence: .selfEnhancement
        }
    }

    public var members: [SchwartzValue] { SchwartzValue.allCases.filter { $0.groups.contains(self) } }
}
