import Foundation
import Testing
import FulcrumTestSupport

/// `values eval --cross-source` on a small real sample: folds per answering model, the fold file
/// the Python baseline reads, and the calibration table.
@Suite struct ValuesCrossSourceCommandTests {
    /// The first `perSource` FULCRA dev dialogues of each of three answering models (small, so debug
    /// training is quick), written to a new folder; returns the folder and the file.
    static func smallSample(perSource limit: Int, name: String) throws -> (URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let lines = try String(contentsOf: SharedData.url("fulcra/fulcra_trustworthy_dev.jsonl"), encoding: .utf8).split(separator: "\n")
        var kept: [Substring] = [], perSource: [String: Int] = [:]
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let source = object["response_source"] as? String, ["gemini", "gpt-35-turbo", "meta-llama/Llama-2-7b-chat-hf"].contains(source),
                  perSource[source, default: 0] < limit else { continue }
            perSource[source, default: 0] += 1
            kept.append(line)
        }
        let data = dir.appendingPathComponent("small.jsonl")
        try (kept.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
        return (dir, data)
    }

    @Test func crossSourceEvalWritesFoldsAndReportsMeanAndWorst() async throws {
        let (dir, data) = try Self.smallSample(perSource: 25, name: "values-cv")
        let folds = dir.appendingPathComponent("folds.json")
        let options = ["values", "eval", "--data", data.path, "--cross-source", "--hash-bits", "12", "--lbfgs-iterations", "15"]
        let table = try await CLI.run(options + ["--folds-out", folds.path])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("mean of 3 folds") && table.stdout.contains("worst fold"), "\(table.stdout)")
        #expect(table.stdout.contains("random split") && table.stdout.contains("skipped: query_source"), "\(table.stdout)")
        #expect(table.stdout.contains("ECE raw"), "\(table.stdout)")
        #expect(table.stdout.contains("bias mean  bias rms  largest bias (answering model)"), "\(table.stdout)")
        let biasRows = table.stdout.split(separator: "\n").filter { $0.hasSuffix("(gemini)") || $0.hasSuffix("(gpt-35-turbo)") || $0.hasSuffix("(meta-llama/Llama-2-7b-chat-hf)") }
        #expect(biasRows.count == 10, "one bias row per value: \(table.stdout)")
        // 75 checked dialogues (3 answering models × 25), the sample's answers all in Latin script, or some in CJK.
        let languages = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("languages of the checked dialogues (by script): ") })
        let counts = languages.split(separator: ":").last!.split(separator: ",").compactMap { Int($0.split(separator: " ").last!) }
        #expect(counts.reduce(0, +) == 75, "\(languages)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folds)) as? [String: Any])
        let list = try #require(written["folds"] as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["gemini", "gpt-35-turbo", "meta-llama/Llama-2-7b-chat-hf"])
        #expect(list.allSatisfy { ($0["test"] as? [Int])?.count == 25 && $0["scheme"] as? String == "response_source" })

        let json = try await CLI.run(options + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let cv = try #require(object["crossSource"] as? [String: Any])
        #expect((cv["folds"] as? [Any])?.count == 3)
        #expect(cv["calibration"] != nil && object["randomSplit"] != nil)

        let refused = try await CLI.run(["values", "eval", "--data", data.path, "--folds-out", folds.path])
        #expect(refused.status != 0)
    }

    /// `values train --decision-offsets` runs the inner leave-one-answering-model-out selection and
    /// stores the offsets in the model file beside its metadata (plain training stores none).
    @Test func trainStoresDecisionOffsetsWhenAsked() async throws {
        let (dir, data) = try Self.smallSample(perSource: 15, name: "values-offsets")
        let options = ["values", "train", "--data", data.path, "--test-share", "0", "--hash-bits", "12", "--lbfgs-iterations", "15"]
        let withOffsets = dir.appendingPathComponent("offsets.fltm"), plain = dir.appendingPathComponent("plain.fltm")
        let a = try await CLI.run(options + ["--decision-offsets", "--out", withOffsets.path])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try await CLI.run(options + ["--out", plain.path])
        #expect(b.status == 0, "\(b.stderr)")
        let stored = String(decoding: try Data(contentsOf: withOffsets), as: UTF8.self)
        #expect(stored.contains("decisionOffsets") && stored.contains(#"\"folds\":3"#))
        #expect(!String(decoding: try Data(contentsOf: plain), as: UTF8.self).contains("decisionOffsets"))
    }
}
