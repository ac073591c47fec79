/// A named, ordered collection of benchmark items.
public struct Suite: Sendable, Hashable {
    public var name: String
    public var items: [SuiteItem]
    /// Folder that attachment paths are relative to; nil for built-in suites.
    public var baseDirectory: String?

    public init(name: String, items: [SuiteItem], baseDirectory: String? = nil) {
        self.name = name
        self.items = items
        self.baseDirectory = baseDirectory
    }

    public func item(id: String) -> SuiteItem? { items.first { $0.id == id } }

    /// Item counts by modality, in `Modality.allCases` order.
    public var countsByModality: [(Modality, Int)] {
        Modality.allCases.map { m in (m, items.filter { $0.modality == m }.count) }
    }
}
