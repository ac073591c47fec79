import Foundation
import Testing

@Suite struct FoundationCommandTests {
    @Test func taxonomyJSONListsTwelveCategoriesInThreeLayers() async throws {
        let result = try await CLI.run(["taxonomy", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == 3)
        #expect(layers.flatMap { $0["categories"] as! [[String: Any]] }.count == 12)
        let yaml = try await CLI.run(["taxonomy", "--format", "yaml"])
        #expect(yaml.status == 0 && yaml.stdout.contains("id: baseline.life-safety"))
    }

    @Test func importReportsCountsAndWritesAValidSuite() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("gvs-\(UUID()).jsonl")
        let result = try await CLI.run(["suite", "import", "gvs-bench", SharedData.url("gvs-bench").path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("GVS-Bench: 266 items"))
        for line in ["text     90   categorised: 90", "image    70", "video    59", "audio    47"] {
            #expect(result.stdout.contains(line), "\(result.stdout)")
        }
        #expect(result.stderr.contains("warning: item A-1: attachment '1.mp3'"))
        let validate = try await CLI.run(["suite", "validate", out.path])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("valid, 266 items (90 text, 70 image, 59 video, 47 audio)"))
        let show = try await CLI.run(["suite", "show", "T-1", "--suite", out.path])
        #expect(show.stdout.contains("layer:     Baseline Human Safety Layer"))
    }

    @Test func badInputExitsNonZeroNamesTheLineAndWritesNothing() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("T-1:\r\nonly one paragraph\r\n".utf8).write(to: dir.appendingPathComponent("text_prompt.txt"))
        let out = dir.appendingPathComponent("out.jsonl")
        let result = try await CLI.run(["suite", "import", "gvs-bench", dir.path, "--out", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("text_prompt.txt:1: item T-1: expected 4 paragraphs"))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let suite = dir.appendingPathComponent("bad.jsonl")
        try Data("{\"id\":\"a\",\"prompt\":{\"en\":\"x\"}}\nnot json\n".utf8).write(to: suite)
        let validate = try await CLI.run(["suite", "validate", suite.path])
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("bad.jsonl:2: malformed JSON"))
        #expect(!validate.stderr.contains("Fatal error"))
    }

    @Test func starterSuiteIsListedAndEveryCommandHasHelpWithAnExample() async throws {
        let list = try await CLI.run(["suite", "list"])
        #expect(list.status == 0 && list.stdout.contains("starter: 26 items"))
        let space = try await CLI.run(["values", "space"])
        #expect(space.stdout.contains("9. Universalism"))
        let wide = ProcessInfo.processInfo.environment.merging(["COLUMNS": "1000"]) { $1 }
        let incidents = ["import", "search", "show", "code", "consensus", "agreement", "stats", "draft-items", "export", "bench"]
        for command in [["taxonomy"], ["values", "space"], ["suite", "list"], ["suite", "show"], ["suite", "validate"],
                        ["suite", "import", "gvs-bench"]] + incidents.map({ ["incidents", $0] }) {
            // A very wide "terminal" (COLUMNS), so argument-parser wraps nothing and the lines are as written.
            let help = try await CLI.run(command + ["--help"], environment: wide)
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command) help lacks an example")
            // Help is read in 80-column terminals. argument-parser wraps prose well, but an indented
            // line (an example command, a list, JSON) wrapped loses its indentation mid-command, so
            // those must fit as written.
            let text = help.stdout.components(separatedBy: "USAGE:")[0]
            let long = text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(" ") && $0.count > 80 }
            #expect(long.isEmpty, "\(command) help has lines over 80 columns: \(long)")
        }
    }
}
