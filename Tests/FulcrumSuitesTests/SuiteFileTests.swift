import Foundation
import Testing
import FulcrumCore
@testable import FulcrumSuites

@Suite struct SuiteFileTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("suite-\(UUID()).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func roundTripsTheImportedRelease() throws {
        let suite = try GVSBenchImporter().importRelease(at: SharedData.url("gvs-bench")).suite
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gvs-\(UUID()).jsonl")
        try SuiteFile.write(suite.items, to: url)
        let read = try SuiteFile.read(url)
        #expect(read.items == suite.items)
        #expect(read.name == url.deletingPathExtension().lastPathComponent)
    }

    @Test func normalisesCategoryNamesToIds() throws {
        let url = try write(#"{"id":"a","prompt":{"en":"Hello"},"category":"Misinformation and Factual Hallucinations"}"# + "\n\n")
        let suite = try SuiteFile.read(url)
        #expect(suite.items[0].category == "integrity.misinformation-hallucination")
        #expect(suite.items[0].modality == .text)
    }

    @Test func namesEveryBadLineAndImportsNothing() throws {
        let url = try write("""
        {"id":"ok","prompt":{"en":"fine"}}
        {"id":"x","prompt":{"en":"a"},"category":"Nonsense"}
        {"id":"ok","prompt":{"en":"again"}}
        {"id":"y","prompt":{}}
        {"id": "z", "prompt": {"en": "unterminated"
        {"prompt":{"en":"no id"}}
        {"id":"m","modality":"smell","prompt":{"en":"a"}}
        """)
        #expect { try SuiteFile.read(url) } throws: { error in
            let m = "\(error)"
            return m.contains("\(url.path):2: item x: unknown category 'Nonsense'")
                && m.contains(":3: item ok: duplicate id (first used on line 1)")
                && m.contains(":4: item y: prompt has no language")
                && m.contains(":5: malformed JSON")
                && m.contains(":6: missing field 'id'")
                && m.contains(":7: 'modality'")
        }
    }

    @Test func invalidUTF8AndEmptyFilesAreErrors() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).jsonl")
        var bytes = Array(#"{"id":"a","prompt":{"en":"x"}}"#.utf8) + [10]
        bytes += Array(#"{"id":"b","prompt":{"en":""#.utf8) + [0xFF, 0xFE] + Array(#""}}"#.utf8) + [10]
        try Data(bytes).write(to: url)
        #expect { try SuiteFile.read(url) } throws: { "\($0)".contains("\(url.path):2: not valid UTF-8") }
        #expect { try SuiteFile.read(try write("\n\n")) } throws: { "\($0)".contains("no items") }
        #expect { try SuiteFile.read(URL(fileURLWithPath: "/nonexistent/suite.jsonl")) } throws: { "\($0)".contains("cannot read") }
    }

    @Test func starterSuiteCoversEveryCategoryInBothLanguages() throws {
        let suite = try SuiteCatalog.starter()
        #expect(suite.items.count >= 24)
        for category in GVSScale.builtIn.categories {
            #expect(suite.items.filter { $0.category == category.id }.count >= 2, "\(category.id)")
        }
        for item in suite.items {
            #expect(item.prompt.languages == [.en, .zh])
            #expect(item.focus.languages == [.en, .zh])
        }
    }

    @Test func catalogRejectsAnUnknownSuite() {
        #expect { try SuiteCatalog.load("no-such-suite") } throws: { "\($0)".contains("no suite 'no-such-suite'") }
    }
}
