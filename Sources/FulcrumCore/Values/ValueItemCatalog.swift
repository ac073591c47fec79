/// The value items (the finer level of Schwartz's theory) that appear in FULCRA data, mapped to
/// their basic value type. The mapping follows Schwartz's value survey and agrees with how the
/// items co-occur with type labels in `fulcra_trustworthy_dev.jsonl` (checked by a test).
public enum ValueItemCatalog {
    public static let items: [String: SchwartzValue] = [
        // Self-direction
        "be creative": .selfDirection, "have freedom of thought": .selfDirection,
        "have freedom of action": .selfDirection, "be independent": .selfDirection,
        "be choosing own goals": .selfDirection, "be curious": .selfDirection,
        "have privacy": .selfDirection, "have self-respect": .selfDirection,
        // Stimulation
        "be daring": .stimulation, "have a varied life": .stimulation, "have an exciting life": .stimulation,
        // Hedonism
        "have pleasure": .hedonism, "be enjoying life": .hedonism, "be self-indulgent": .hedonism,
        // Achievement
        "be ambitious": .achievement, "be successful": .achievement, "be capable": .achievement,
        "be influential": .achievement, "be intellectual": .achievement,
        // Power
        "have authority": .power, "have social power": .power, "have wealth": .power,
        "preserving my public image": .power, "have social recognition": .power,
        // Security
        "have a stable society": .security, "have a safe country": .security, "have family security": .security,
        "have a good health": .security, "have a sense of belonging": .security, "have no debts": .security,
        "be neat and tidy": .security, "observing social norms": .security, "reciprocation of favors": .security,
        // Tradition
        "be respecting traditions": .tradition, "be holding religious faith": .tradition,
        "be devout": .tradition, "accepting my portion in life": .tradition,
        // Conformity (humility folds here)
        "be obedient": .conformity, "be polite": .conformity, "be self-disciplined": .conformity,
        "be honoring parents and elders": .conformity, "be respectful": .conformity,
        "be humble": .conformity, "moderate": .conformity,
        // Benevolence
        "be responsible": .benevolence, "be honest": .benevolence, "be helpful": .benevolence,
        "be forgiving": .benevolence, "mature love": .benevolence, "true friendship": .benevolence,
        "have loyalty towards friends": .benevolence,
        // Universalism
        "social justice": .universalism, "have equality": .universalism, "be broadminded": .universalism,
        "have a world at peace": .universalism, "be protecting the environment": .universalism,
        "have harmony with nature": .universalism, "have a world of beauty": .universalism, "have wisdom": .universalism,
    ]

    /// Spelling variants seen in data.
    static let aliases: [String: String] = ["have a social recognition": "have social recognition"]

    public static func valueType(ofItem item: String) -> SchwartzValue? {
        let key = item.trimmingCharacters(in: .whitespaces).lowercased()
        return items[aliases[key] ?? key]
    }

    /// Items of one value type, sorted.
    public static func items(of value: SchwartzValue) -> [String] {
        items.filter { $0.value == value }.map(\.key).sorted()
    }
}
