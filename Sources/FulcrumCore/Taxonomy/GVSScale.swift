import Foundation

/// The GVS-Scale: value-safety categories grouped in layers, with the lifecycle stages risks come from.
///
/// The built-in scale is `GVSScale.builtIn`; a user can supply a variant with `GVSScale.load(from:)`.
/// ```swift
/// let scale = GVSScale.builtIn
/// scale.category(named: "Life Safety and Physical Harm")?.id   // "baseline.life-safety"
/// ```
public struct GVSScale: Codable, Sendable, Hashable {
    public var name: String
    public var version: String
    public var source: String?
    public var lifecycleStages: [LifecycleStage]
    public var layers: [GVSLayer]

    /// All categories in scale order, each carrying its layer id.
    public var categories: [GVSCategory] { layers.flatMap(\.categories) }

    /// Looks through the layers in place: `categories` builds a new array, and importers look up
    /// a category for every machine suggestion.
    public func category(id: String) -> GVSCategory? {
        for layer in layers { if let found = layer.categories.first(where: { $0.id == id }) { return found } }
        return nil
    }
    public func layer(id: String) -> GVSLayer? { layers.first { $0.id == id } }

    /// Finds a category by its exact name, tolerant of case and surrounding space only.
    public func category(named name: String) -> GVSCategory? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return categories.first { $0.name.lowercased() == wanted }
    }

    public func layer(named name: String) -> GVSLayer? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return layers.first { $0.name.lowercased() == wanted }
    }

    /// Resolves a user's reference to a category: its id, its exact name, or a unique id suffix
    /// (`life-safety`).
    public func resolveCategory(_ reference: String) -> GVSCategory? {
        if let byID = category(id: reference) ?? category(named: reference) { return byID }
        let matches = categories.filter { $0.id.hasSuffix("." + reference) }
        return matches.count == 1 ? matches[0] : nil
    }

    public func resolveLayer(_ reference: String) -> GVSLayer? {
        layer(id: reference) ?? layer(named: reference)
    }

    public init(name: String, version: String, source: String?, lifecycleStages: [LifecycleStage], layers: [GVSLayer]) throws {
        self.name = name
        self.version = version
        self.source = source
        self.lifecycleStages = lifecycleStages
        self.layers = layers
        try finishAndValidate()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        lifecycleStages = try container.decode([LifecycleStage].self, forKey: .lifecycleStages)
        layers = try container.decode([GVSLayer].self, forKey: .layers)
        try finishAndValidate()
    }

    /// Sets each category's layer id and rejects a scale with duplicate ids or unknown stages.
    private mutating func finishAndValidate() throws {
        for index in layers.indices {
            for c in layers[index].categories.indices {
                layers[index].categories[c].layerID = layers[index].id
            }
        }
        var seen = Set<String>()
        let stageIDs = Set(lifecycleStages.map(\.id))
        for layer in layers {
            guard seen.insert(layer.id).inserted else { throw TaxonomyError.duplicateID(layer.id) }
            for category in layer.categories {
                guard seen.insert(category.id).inserted else { throw TaxonomyError.duplicateID(category.id) }
                for stage in category.lifecycleStages where !stageIDs.contains(stage) {
                    throw TaxonomyError.unknownLifecycleStage(category: category.id, stage: stage)
                }
            }
        }
        if layers.isEmpty { throw TaxonomyError.empty }
    }

    /// Loads a scale from a JSON file in the format of the built-in one (`fulcrum taxonomy --format json`).
    public static func load(from url: URL) throws -> GVSScale {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TaxonomyError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        do {
            return try JSONDecoder().decode(GVSScale.self, from: data)
        } catch let error as TaxonomyError {
            throw TaxonomyError.invalid(path: url.path, reason: error.description)
        } catch {
            throw TaxonomyError.invalid(path: url.path, reason: JSONErrorDescription.describe(error))
        }
    }

    /// The GVS-Scale as published (12 categories in 3 layers), shipped with Fulcrum.
    public static let builtIn: GVSScale = {
        guard let url = Bundle.module.url(forResource: "gvs-scale", withExtension: "json", subdirectory: "Resources"),
              let scale = try? load(from: url)
        else { fatalError("The built-in GVS-Scale resource is missing or invalid; the package was built incorrectly.") }
        return scale
    }()
}

public enum TaxonomyError: Error, CustomStringConvertible, Equatable {
    case duplicateID(String)
    case unknownLifecycleStage(category: String, stage: String)
    case empty
    case unreadable(path: String, reason: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .duplicateID(let id): "duplicate id '\(id)' in the scale"
        case .unknownLifecycleStage(let category, let stage): "category '\(category)' names unknown lifecycle stage '\(stage)'"
        case .empty: "the scale has no layers"
        case .unreadable(let path, let reason): "\(path): cannot read the scale: \(reason)"
        case .invalid(let path, let reason): "\(path): not a valid scale: \(reason)"
        }
    }
}
