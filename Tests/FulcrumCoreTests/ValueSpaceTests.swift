import Foundation
import Testing
@testable import FulcrumCore

@Suite struct ValueSpaceTests {
    @Test func fulcraOrderAndCircle() {
        #expect(SchwartzValue.allCases.map(\.rawValue) == [
            "self-direction", "stimulation", "hedonism", "achievement", "power",
            "security", "tradition", "conformity", "benevolence", "universalism",
        ])
        #expect(Set(SchwartzValue.circle) == Set(SchwartzValue.allCases))
        #expect(SchwartzValue.security.adjacent.contains(.power))
        #expect(SchwartzValue.universalism.adjacent.contains(.selfDirection))
        // Opposition is symmetric between the two higher-order axes.
        for value in SchwartzValue.allCases {
            for other in value.opposed {
                #expect(!value.adjacent.contains(other))
                #expect(value.groups.contains { g in other.groups.contains(g.opposite) })
            }
        }
        #expect(HigherOrderValueGroup.selfTranscendence.members == [.benevolence, .universalism])
    }

    @Test func parsesCleanAndNoisyLabels() {
        let parsed = ValueLabels.parse(["security: -1", "benevolence: +1", "power: 1", "conformity: 1+", "achievement: =1", "humility: +1"])
        #expect(parsed.vector[.security] == -1)
        #expect(parsed.vector[.benevolence] == 1)
        #expect(parsed.vector[.power] == 1)
        #expect(parsed.vector[.conformity] == 1)
        #expect(parsed.vector[.achievement] == 1)
        #expect(parsed.vector[.hedonism] == 0)
        #expect(parsed.isComplete)
        #expect(parsed.issues.contains(.folded(label: "humility: +1", into: .conformity)))
        #expect(parsed.issues.filter { if case .repairedSign = $0 { true } else { false } }.count == 3)
    }

    @Test func reportsUnknownMalformedAndConflictingLabels() {
        let parsed = ValueLabels.parse(["curiosity: +1", "security", "power: maybe", "tradition: +1", "tradition: -1"])
        #expect(!parsed.isComplete)
        #expect(parsed.issues.contains(.unknownValue(label: "curiosity: +1", name: "curiosity")))
        #expect(parsed.issues.contains { if case .malformed(label: "security", _) = $0 { true } else { false } })
        #expect(parsed.issues.contains { if case .malformed(label: "power: maybe", _) = $0 { true } else { false } })
        #expect(parsed.issues.contains(.mixed(value: .tradition)))
        #expect(parsed.vector == .zero)
    }

    @Test func vectorClampsAndChecksDimension() throws {
        let v = try ValueVector([2, -3, 0, 0.5, 0, 0, 0, 0, 0, 0])
        #expect(v[.selfDirection] == 1)
        #expect(v[.stimulation] == -1)
        #expect(v.labels == ["self-direction: +1", "stimulation: -1", "achievement: +0.50"])
        #expect(throws: ValueVectorError.wrongDimension(3)) { try ValueVector([1, 2, 3]) }
        #expect(throws: ValueVectorError.notFinite) { try ValueVector(Array(repeating: .nan, count: 10)) }
        let json = try JSONEncoder().encode(v)
        #expect(try JSONDecoder().decode(ValueVector.self, from: json) == v)
    }

    /// Every label in the real FULCRA file parses; only the known noise shows up as repairs.
    @Test func everyFulcraLabelParses() throws {
        let lines = try String(contentsOf: SharedData.url("fulcra/fulcra_trustworthy_dev.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 1318)
        var repaired = 0, mixed = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let labels = try #require(object["value_types"] as? [String])
            let parsed = ValueLabels.parse(labels)
            #expect(parsed.isComplete, "\(labels) → \(parsed.issues)")
            repaired += parsed.issues.count
            mixed += parsed.issues.filter { if case .mixed = $0 { true } else { false } }.count
        }
        #expect(repaired > 0)
        // A few answers support and oppose one type through different items.
        #expect(mixed > 0 && mixed < 40, "\(mixed)")
    }

    /// The item catalog covers every item in the data, and each item's type is among the dialogue's type labels.
    @Test func itemCatalogAgreesWithFulcraData() throws {
        let lines = try String(contentsOf: SharedData.url("fulcra/fulcra_trustworthy_dev.jsonl"), encoding: .utf8).split(separator: "\n")
        var agree = 0, total = 0
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let types = Set(ValueLabels.parse(object["value_types"] as! [String]).vector.nonZero.map(\.0))
            for label in object["value_items"] as! [String] {
                let item = String(label[..<label.lastIndex(of: ":")!])
                let type = try #require(ValueItemCatalog.valueType(ofItem: item), "item '\(item)' not in the catalog")
                total += 1
                if types.contains(type) { agree += 1 }
            }
        }
        #expect(Double(agree) / Double(total) > 0.97, "\(agree)/\(total)")
    }
}
