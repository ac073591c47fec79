import Foundation
import Testing
@testable import FulcrumCore

@Suite struct GVSScaleTests {
    @Test func builtInScaleHasTwelveCategoriesInThreeLayers() {
        let scale = GVSScale.builtIn
        #expect(scale.layers.count == 3)
        #expect(scale.categories.count == 12)
        #expect(Set(scale.categories.map(\.id)).count == 12)
        #expect(scale.lifecycleStages.map(\.id) == ["data", "model-building", "deployment"])
        for category in scale.categories {
            #expect(category.id.hasPrefix(category.layerID + "."))
            #expect(!category.definition.isEmpty)
            #expect(!category.lifecycleStages.isEmpty)
        }
    }

    @Test func namesAndLayersMatchTheGVSBenchRelease() throws {
        let data = try Data(contentsOf: SharedData.url("gvs-bench/subcategory_layer.json"))
        let map = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        let scale = GVSScale.builtIn
        #expect(map.count == scale.categories.count)
        for (name, layerName) in map {
            let category = try #require(scale.category(named: name), "missing category \(name)")
            #expect(category.name == name, "names must match exactly")
            #expect(scale.layer(id: category.layerID)?.name == layerName)
        }
    }

    @Test func resolvesIdsNamesAndUniqueSuffixes() {
        let scale = GVSScale.builtIn
        #expect(scale.resolveCategory("baseline.life-safety")?.name == "Life Safety and Physical Harm")
        #expect(scale.resolveCategory("Life Safety and Physical Harm")?.id == "baseline.life-safety")
        #expect(scale.resolveCategory("life-safety")?.id == "baseline.life-safety")
        #expect(scale.resolveCategory("Life Safety") == nil)
    }

    @Test func aVariantScaleLoadsFromAFile() throws {
        var variant = GVSScale.builtIn
        variant.version = "1.1-test"
        variant.layers[2].categories.removeLast()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scale-\(UUID()).json")
        try JSONEncoder().encode(variant).write(to: url)
        let loaded = try GVSScale.load(from: url)
        #expect(loaded.version == "1.1-test")
        #expect(loaded.categories.count == 11)
        #expect(loaded.categories.last?.layerID == "pluralistic")
    }

    @Test func invalidScaleFilesAreRejectedWithTheReason() throws {
        let dir = FileManager.default.temporaryDirectory
        let duplicate = dir.appendingPathComponent("dup-\(UUID()).json")
        var scale = GVSScale.builtIn
        scale.layers[1].categories[0].id = "baseline.life-safety"
        try JSONEncoder().encode(scale).write(to: duplicate)
        #expect { try GVSScale.load(from: duplicate) } throws: { error in
            "\(error)".contains("duplicate id 'baseline.life-safety'") && "\(error)".contains(duplicate.path)
        }
        let badStage = dir.appendingPathComponent("stage-\(UUID()).json")
        scale = GVSScale.builtIn
        scale.layers[0].categories[0].lifecycleStages = ["training-vibes"]
        try JSONEncoder().encode(scale).write(to: badStage)
        #expect { try GVSScale.load(from: badStage) } throws: { "\($0)".contains("unknown lifecycle stage 'training-vibes'") }
        let notJSON = dir.appendingPathComponent("nojson-\(UUID()).json")
        try Data("{\"name\": \"x\",".utf8).write(to: notJSON)
        #expect { try GVSScale.load(from: notJSON) } throws: { "\($0)".contains(notJSON.path) }
    }
}
