import Foundation
import Testing
@testable import FulcrumIncidents

struct JSONLineObjectTests {
    func parse(_ line: String) -> Result<[String: String], ParseProblem> {
        Array(line.utf8).withUnsafeBufferPointer { JSONLineObject.parse($0) }
    }

    func values(_ line: String) throws -> [String: String] {
        try parse(line).get()
    }

    func reason(_ line: String) -> String? {
        if case .failure(let problem) = parse(line) { return problem.reason }
        return nil
    }

    @Test func flatValuesBecomeText() throws {
        let v = try values(#" { "id": "A-1", "n": -12.50e+2, "ok": true, "no": false, "gone": null, "nested": {"a": [1, {"b": 2}]}, "list": ["x", 2, null, {"c": 1}, "y"], "empty": [] } "#)
        #expect(v == ["id": "A-1", "n": "-12.50e+2", "ok": "true", "no": "false", "list": #"["x","2","y"]"#, "empty": "[]"])
        #expect(try values("{}") == [:])
        #expect(try values(#"{"k": "first", "k": "last"}"#) == ["k": "last"])
    }

    @Test func escapesAreDecoded() throws {
        let v = try values(#"{"s": "q\"b\\s\/n\nt\tu\u00e9\u4e2d pair\ud83d\ude00 lone\ud800 end", "k\u0041": "plain é 中"}"#)
        #expect(v["s"] == "q\"b\\s/n\nt\tué中 pair😀 lone\u{FFFD} end")
        #expect(v["kA"] == "plain é 中")
    }

    @Test func malformedLinesAreRefusedWithAReason() {
        #expect(reason(#"{"a": "open"#) == "malformed JSON at byte 7: unterminated string")
        #expect(reason(#"{"a": 1,}"#)?.hasPrefix("malformed JSON") == true)
        #expect(reason(#"{"a": 01}"#)?.hasPrefix("malformed JSON") == true)
        #expect(reason(#"{"a": 1.}"#)?.hasPrefix("malformed JSON") == true)
        #expect(reason(#"{"a": tru}"#)?.hasPrefix("malformed JSON") == true)
        #expect(reason(#"{"a": "bad \x escape"}"#)?.hasPrefix("malformed JSON") == true)
        #expect(reason("{\"a\": \"tab\tinside\"}")?.hasPrefix("malformed JSON") == true)
        #expect(reason(#"{"a": 1} trailing"#) == "malformed JSON at byte 10: text after the JSON object")
        #expect(reason(#"{a: 1}"#)?.hasPrefix("malformed JSON") == true)
        #expect(reason(#"["not", "an", "object"]"#) == "line is not a JSON object")
        #expect(reason(#"["unclosed""#)?.hasPrefix("malformed JSON") == true)
        #expect(reason("") == "malformed JSON at byte 1: expected a value")
        // Hostile nesting is refused, not a stack overflow.
        let deep = #"{"a": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(reason(deep)?.contains("nested more than") == true)
    }

    /// Differential check on real JSONL files: every string and list of strings reads exactly as
    /// Foundation's parser reads it.
    @Test func agreesWithFoundationOnRealFiles() throws {
        let folder = TestSupport.dataRoot.appendingPathComponent("fulcra")
        var lines = 0
        for name in ["fulcra_trustworthy_dev.jsonl", "saferlhf_test_questions.jsonl", "hh_helpful_test.jsonl"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let ours = try values(String(line))
                let theirs = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                for (key, value) in theirs {
                    if let s = value as? String { #expect(ours[key] == s, "\(name): \(key)") }
                    if let list = value as? [String] { #expect(ours[key] == StoredLists.encode(list), "\(name): \(key)") }
                }
                lines += 1
            }
        }
        #expect(lines > 5_000)
    }
}
