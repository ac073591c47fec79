/// One of the GVS-Scale's three layers, from baseline human safety to pluralistic values.
public struct GVSLayer: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var nameZh: String?
    public var definition: String
    public var categories: [GVSCategory]
}
