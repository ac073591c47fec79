import Foundation
import FulcrumTestSupport
import Testing

/// The thin CLI wiring, through the built binary.
@Suite struct CommandLineTests {
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let dir = try temporaryFolder()
        let log = dir.appendingPathComponent("out.log")
        let process = try startFulcrum(arguments, logTo: log)
        await ChildProcess.exit(of: process)
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }

    @Test func dryRunPrintsThePlanAndStoresNothing() async throws {
        let db = try temporaryFolder().appendingPathComponent("dry.sqlite").path
        let (status, output) = try await run(["run", "--suite", "starter", "--model", "openai/a", "--model", "openai/b",
                                        "--language", "both", "--samples", "2", "--layer", "baseline", "--dry-run", "--db", db])
        #expect(status == 0)
        #expect(output.contains("openai/a: 36 calls") && output.contains("openai/b: 36 calls"))
        #expect(output.contains("total: 72 calls"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// Defaults, then the YAML file, then flags: a flag overrides the file's setting, a repeatable
    /// flag given replaces the file's list, and what no flag sets keeps the file's value.
    @Test func flagsOverrideTheConfigurationFile() async throws {
        let config = try temporaryFolder().appendingPathComponent("run.yaml")
        try "suite: starter\r\nmodels: [openai/a]\r\nlanguage: both\r\nsamples: 3\r\nlimit: 5\r\n".write(to: config, atomically: true, encoding: .utf8)
        let (fileStatus, fileOutput) = try await run(["run", "--config", config.path, "--dry-run"])
        #expect(fileStatus == 0 && fileOutput.contains("5 of") && fileOutput.contains("openai/a: 30 calls"), "\(fileOutput)")
        let (status, output) = try await run(["run", "--config", config.path, "--limit", "2", "--model", "openai/b", "--dry-run"])
        #expect(status == 0 && output.contains("2 of") && output.contains("language both, 3 sample(s)"), "\(output)")
        #expect(output.contains("openai/b: 12 calls") && !output.contains("openai/a"), "\(output)")
    }

    @Test func badInputIsAClearErrorWithNonZeroExit() async throws {
        let dir = try temporaryFolder()
        let (status, output) = try await run(["run", "--suite", "starter", "--model", "openai/a", "--category", "nonsense", "--dry-run"])
        #expect(status != 0 && output.contains("no GVS-Scale category 'nonsense'") && output.contains("see `fulcrum taxonomy`"))
        // The library speaks of the setting; the CLI names the flag that sets it.
        let (samplesStatus, samplesOutput) = try await run(["run", "--suite", "starter", "--model", "openai/a", "--samples", "0", "--dry-run"])
        #expect(samplesStatus != 0 && samplesOutput.contains("--samples must be at least 1 (got 0)"), "\(samplesOutput)")
        let (tokensStatus, tokensOutput) = try await run(["run", "--model", "openai/a", "--per-model-concurrency", "0", "--dry-run"])
        #expect(tokensStatus != 0 && tokensOutput.contains("--per-model-concurrency must be at least 1 (got 0)"), "\(tokensOutput)")

        let answers = dir.appendingPathComponent("answers.jsonl")
        try "{\"item_id\":\"starter.bias-1\",\"model\":\"x/y\",\"language\":\"en\",\"response\":\"ok\"}\n{\"item_id\":\"ghost\",\"model\":\"x/y\",\"language\":\"en\",\"response\":\"r\"}\n"
            .write(to: answers, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("db.sqlite").path
        let (importStatus, importOutput) = try await run(["responses", "import", answers.path, "--run-name", "outside", "--db", db])
        #expect(importStatus != 0)
        #expect(importOutput.contains(answers.path + ":2:") && importOutput.contains("no item 'ghost'"))
        let (listStatus, listOutput) = try await run(["runs", "list", "--db", db])
        #expect(listStatus == 0 && listOutput.contains("no runs yet"))
    }
}
