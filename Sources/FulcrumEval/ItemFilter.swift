import FulcrumCore

/// Which suite items a run covers. Empty lists mean "no restriction"; lists are OR-ed within a field and
/// AND-ed across fields.
public struct ItemFilter: Codable, Sendable, Hashable {
    /// Category references as the user typed them (id, exact name or unique id suffix).
    public var categories: [String]
    /// Layer ids or names.
    public var layers: [String]
    public var modalities: [Modality]
    public var itemIDs: [String]

    public init(categories: [String] = [], layers: [String] = [], modalities: [Modality] = [], itemIDs: [String] = []) {
        self.categories = categories
        self.layers = layers
        self.modalities = modalities
        self.itemIDs = itemIDs
    }

    public var isEmpty: Bool { categories.isEmpty && layers.isEmpty && modalities.isEmpty && itemIDs.isEmpty }

    /// The suite's items passing the filter, in suite order; throws on a reference that names nothing.
    public func select(from suite: Suite, scale: GVSScale) throws -> [SuiteItem] {
        var categoryIDs: Set<String>?
        if !categories.isEmpty {
            categoryIDs = Set(try categories.map { ref in
                guard let category = scale.resolveCategory(ref) else { throw PlanError.unknownCategory(ref) }
                return category.id
            })
        }
        var layerIDs: Set<String>?
        if !layers.isEmpty {
            layerIDs = Set(try layers.map { ref in
                guard let layer = scale.resolveLayer(ref) else { throw PlanError.unknownLayer(ref) }
                return layer.id
            })
        }
        for id in itemIDs where suite.item(id: id) == nil { throw PlanError.unknownItem(id, suite: suite.name) }
        let wantedItems = Set(itemIDs)
        let wantedModalities = Set(modalities)
        return suite.items.filter { item in
            if let categoryIDs, !categoryIDs.contains(item.category ?? "") { return false }
            if let layerIDs {
                guard let layer = item.category.flatMap({ scale.category(id: $0) })?.layerID, layerIDs.contains(layer) else { return false }
            }
            if !wantedModalities.isEmpty && !wantedModalities.contains(item.modality) { return false }
            if !wantedItems.isEmpty && !wantedItems.contains(item.id) { return false }
            return true
        }
    }
}
