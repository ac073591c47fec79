import Foundation
import FulcrumSQLiteStore
import FulcrumStore
import FulcrumTestSupport
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The package root, found from this file's path (Tests/FulcrumEvalTests/…).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `fulcrum` executable: `FULCRUM_BIN`, next to the test bundle, or in the package's .build.
func fulcrumBinary() throws -> URL {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["FULCRUM_BIN"] { candidates.append(URL(fileURLWithPath: path)) }
    let bundle = Bundle.main.bundleURL
    candidates += [bundle.appendingPathComponent("fulcrum"), bundle.deletingLastPathComponent().appendingPathComponent("fulcrum")]
    for config in ["debug", "release"] { candidates.append(packageRoot.appendingPathComponent(".build/\(config)/fulcrum")) }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CrashTestError("the fulcrum executable was not found (build it with `swift build`); looked at \(candidates.map(\.path))")
    }
    return found
}

struct CrashTestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

let fakeKey = "sk-fulcrum-FAKE-do-not-store-7f3c9a"

/// Starts `fulcrum` with arguments; stdout and stderr go to files so the child never blocks on a pipe.
func startFulcrum(_ arguments: [String], logTo log: URL) throws -> Process {
    let process = Process()
    process.executableURL = try fulcrumBinary()
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["OPENAI_API_KEY"] = fakeKey
    environment["ANTHROPIC_API_KEY"] = nil
    process.environment = environment
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
}

func answeredCount(_ path: String) -> Int {
    guard FileManager.default.fileExists(atPath: path), let queue = try? DatabaseQueue(path: path) else { return 0 }
    return (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM generations") }) ?? 0
}

/// (item, model, language, sample) → response, per generation row, to compare stores.
func storedAnswers(_ path: String) throws -> (rows: [String], generations: [String: [String]]) {
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in
        let rows = try String.fetchAll(db, sql: "SELECT itemID || '|' || modelSpec || '|' || language || '|' || sampleIndex FROM plan_rows ORDER BY 1")
        var generations: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.itemID || '|' || p.modelSpec || '|' || p.language || '|' || p.sampleIndex AS k, g.responseText AS r, g.errorCause AS e
            FROM generations g JOIN plan_rows p ON p.id = g.planRowID
            """) {
            let text: String? = row["r"]
            let error: String? = row["e"]
            generations[row["k"], default: []].append(text ?? "error: \(error ?? "?")")
        }
        return (rows, generations)
    }
}

@Suite(.serialized) struct CrashSafetyTests {
    @Test func sigkillThenResumeEqualsAnUninterruptedRun() async throws {
        let server = try await FaultServer.start(.init(latency: .milliseconds(20)))
        defer { Task { try await server.shutdown() } }
        let dir = try temporaryFolder()
        let killedDB = dir.appendingPathComponent("killed.sqlite").path
        let cleanDB = dir.appendingPathComponent("clean.sqlite").path
        func arguments(_ db: String) -> [String] {
            ["run", "--suite", "starter", "--model", "openai/fault-model", "--base-url", server.openAIBaseURL,
             "--samples", "4", "--concurrency", "4", "--per-model-concurrency", "4", "--max-tokens", "16", "--db", db]
        }

        // Kill it partway, twice, at different moments. The server answers only a budget of
        // requests and holds the rest, so the run cannot finish before the kill however slow the
        // machine; answers in flight at the kill are lost and must be asked again on resume.
        var partial = 0
        for budget in [8, 30] {
            server.limitAnswers(to: budget)
            let child = try startFulcrum(arguments(killedDB), logTo: dir.appendingPathComponent("killed-\(budget).log"))
            // A held request from the killed child's closed connection may still take a slot, hence the margin.
            let target = partial + budget - 4
            let deadline = ContinuousClock.now + .seconds(120)
            while answeredCount(killedDB) < target && child.isRunning && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let log = (try? String(contentsOf: dir.appendingPathComponent("killed-\(budget).log"), encoding: .utf8)) ?? ""
            #expect(child.isRunning, "the run ended before the kill: \(log)")
            kill(child.processIdentifier, SIGKILL)
            await ChildProcess.exit(of: child)
            #expect(child.terminationReason == .uncaughtSignal)
            partial = answeredCount(killedDB)
            #expect(partial >= target)
        }
        #expect(partial >= 30 && partial < 104)
        server.limitAnswers(to: nil)

        // The same command resumes the killed run.
        let resumed = try startFulcrum(arguments(killedDB), logTo: dir.appendingPathComponent("resumed.log"))
        await ChildProcess.exit(of: resumed)
        #expect(resumed.terminationStatus == 0)
        let clean = try startFulcrum(arguments(cleanDB), logTo: dir.appendingPathComponent("clean.log"))
        await ChildProcess.exit(of: clean)
        #expect(clean.terminationStatus == 0)

        let a = try storedAnswers(killedDB)
        let b = try storedAnswers(cleanDB)
        #expect(a.rows.count == 26 * 4)
        #expect(a.rows == b.rows)
        #expect(a.generations.count == a.rows.count, "every plan row has a generation")
        #expect(a.generations.values.allSatisfy { $0.count == 1 }, "no row has two generations")
        #expect(a.generations == b.generations)
        #expect(a.generations.values.allSatisfy { $0[0].hasPrefix("Echo:") })
        let runs = try await DatabaseQueue(path: killedDB).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") }
        #expect(runs == 1, "the killed run was resumed, not restarted")
    }

    @Test func apiKeysNeverReachTheDatabaseLogsOrExports() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let dir = try temporaryFolder()
        let db = dir.appendingPathComponent("keys.sqlite").path
        let log = dir.appendingPathComponent("run.log")
        let run = try startFulcrum(["run", "--suite", "starter", "--model", "openai/fault-model", "--limit", "3",
                                    "--base-url", server.openAIBaseURL.replacingOccurrences(of: "http://", with: "http://user:\(fakeKey)@"),
                                    "--item", "starter.bias-1", "--item", "starter.bias-2", "--db", db], logTo: log)
        await ChildProcess.exit(of: run)
        #expect(run.terminationStatus == 0)
        // The key really was sent (so the check below is meaningful)…
        #expect(server.receivedRequests.contains { $0.headers.contains { $0.value.contains(fakeKey) } })
        // …and is nowhere on disk or in output.
        let store = try SQLiteResultStore(path: db)
        let runID = try #require(try await store.runs().first?.id)
        var outputs: [URL] = [log]
        for format in ["jsonl", "csv"] {
            let out = dir.appendingPathComponent("export.\(format)")
            let export = try startFulcrum(["runs", "export", runID, "--format", format, "--out", out.path, "--db", db],
                                          logTo: dir.appendingPathComponent("export-\(format).log"))
            await ChildProcess.exit(of: export)
            #expect(export.terminationStatus == 0)
            outputs += [out, dir.appendingPathComponent("export-\(format).log")]
        }
        let show = try startFulcrum(["runs", "show", runID, "--db", db], logTo: dir.appendingPathComponent("show.log"))
        await ChildProcess.exit(of: show)
        outputs.append(dir.appendingPathComponent("show.log"))
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) { outputs.append(URL(fileURLWithPath: db + suffix)) }
        let needle = Data(fakeKey.utf8)
        for file in outputs {
            let bytes = try Data(contentsOf: file)
            #expect(bytes.range(of: needle) == nil, "API key found in \(file.lastPathComponent)")
        }
        let exported = try String(contentsOf: dir.appendingPathComponent("export.jsonl"), encoding: .utf8)
        #expect(exported.split(separator: "\n").count == 2)
    }
}
