import FulcrumCore
import FulcrumStore

/// What executing a run's rows needs besides the row: the items, the generation settings, where
/// attachments live, and a client and gate for each model.
public struct RunContext: Sendable {
    public var items: [String: SuiteItem]
    public var settings: GenerationSettings
    public var baseDirectory: String?
    public var models: [String: any ChatModel]
    public var gates: [String: any ModelGate]

    public init(suite: Suite, settings: GenerationSettings, models: [String: any ChatModel], gates: [String: any ModelGate]) {
        items = Dictionary(suite.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.settings = settings
        baseDirectory = suite.baseDirectory
        self.models = models
        self.gates = gates
    }
}
