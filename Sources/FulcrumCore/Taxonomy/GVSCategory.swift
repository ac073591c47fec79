/// One of the GVS-Scale's value-safety categories, e.g. "Life Safety and Physical Harm".
public struct GVSCategory: Codable, Sendable, Hashable {
    /// Stable id `layer.slug`, e.g. `baseline.life-safety`. Ids never change between scale versions.
    public var id: String
    /// The exact name used by GVS-Bench's `subcategory_layer.json`.
    public var name: String
    public var nameZh: String?
    public var definition: String
    /// Ids of the lifecycle stages where risks of this category typically originate.
    public var lifecycleStages: [String]
    /// Id of the layer holding this category (filled in by the scale, not stored in the file).
    public var layerID: String = ""

    private enum CodingKeys: String, CodingKey {
        case id, name, nameZh, definition, lifecycleStages
    }

    public init(id: String, name: String, nameZh: String? = nil, definition: String,
                lifecycleStages: [String], layerID: String) {
        self.id = id
        self.name = name
        self.nameZh = nameZh
        self.definition = definition
        self.lifecycleStages = lifecycleStages
        self.layerID = layerID
    }
}
