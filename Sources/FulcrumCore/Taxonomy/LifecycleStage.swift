/// A stage in the life of a generative AI system where a value-safety risk can originate.
public struct LifecycleStage: Codable, Sendable, Hashable {
    /// Stable id, e.g. `data`, `model-building`, `deployment`.
    public var id: String
    public var name: String
    public var definition: String

    public init(id: String, name: String, definition: String) {
        self.id = id
        self.name = name
        self.definition = definition
    }
}
