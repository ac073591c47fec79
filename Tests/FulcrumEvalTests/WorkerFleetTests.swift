import Foundation
import FulcrumPostgresStore
import FulcrumStore
import FulcrumTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Workers on a shared PostgreSQL database, as separate `fulcrum worker` processes against the
/// fault server: a SIGKILLed worker loses and duplicates nothing, and a per-model cap holds for the
/// whole fleet. Each worker has its own name, as on separate machines, so a dead one's rows come
/// back only when its lease runs out.
@Suite(.serialized) struct WorkerFleetTests {
    /// A suite file of `count` harmless prompts; every `faultEvery`-th asks the fault server for a
    /// transient fault (fails once or twice, then answers), cycling through the kinds a retry must survive.
    func writeSuite(count: Int, faultEvery: Int, in dir: URL) throws -> URL {
        let faults = ["[[fault:500x1]]", "[[fault:429x1]]", "[[fault:dropx1]]", "[[fault:503x2]]", "[[fault:truncatedx1]]"]
        var lines: [String] = []
        for i in 0..<count {
            let marker = i % faultEvery == 0 ? " " + faults[(i / faultEvery) % faults.count] : ""
            let item: [String: Any] = ["id": "fleet-\(i)", "modality": "text", "prompt": ["en": "Fleet prompt \(i): say hello.\(marker)"]]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]), as: UTF8.self))
        }
        let url = dir.appendingPathComponent("fleet.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A fresh PostgreSQL database for the fleet: the store, and the URL the workers are given.
    func sharedDatabase() async throws -> (PostgresResultStore, String)? {
        guard let url = try await PostgresResultStore.scratchDatabaseForTests() else { return nil }
        return (try await PostgresResultStore.open(url),
                "postgres://\(url.user):\(url.password ?? "")@\(url.host):\(url.port)/\(url.database)")
    }

    func plan(_ suite: URL, server: FaultServer, db: String, perModel: Int, dir: URL) async throws -> String {
        let out = dir.appendingPathComponent("plan.out")
        let planner = try startFulcrum(["run", "--suite", suite.path, "--model", "openai/fault-model", "--base-url", server.openAIBaseURL,
                                        "--max-tokens", "16", "--per-model-concurrency", "\(perModel)", "--db", db, "--detach"],
                                       logTo: out)
        await ChildProcess.exit(of: planner)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(planner.terminationStatus == 0, "\(text)")
        let runID = try #require(text.split(separator: "\n").first { $0.range(of: #"^\d{8}-\d{6}-[0-9a-f]{6}$"#, options: .regularExpression) != nil })
        return String(runID)
    }

    func worker(_ name: String, db: String, concurrency: Int, lease: Int, dir: URL) throws -> Process {
        try startFulcrum(["worker", "--db", db, "--name", name, "--concurrency", "\(concurrency)", "--lease", "\(lease)",
                          "--exit-when-idle"], logTo: dir.appendingPathComponent("\(name).log"))
    }

    /// Waits for a worker to exit; one still running after `limit` is killed and reported, so a
    /// queue that never drains fails the test instead of hanging it.
    func awaitExit(_ process: Process, within limit: Duration = .seconds(180)) async {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            Issue.record("a worker was still running after \(limit)")
            kill(process.processIdentifier, SIGKILL)
        }
        await ChildProcess.exit(of: process)
    }

    @Test func aKilledWorkersRowsAreRedoneOnceAfterItsLease() async throws {
        guard let (store, db) = try await sharedDatabase() else { return }
        defer { Task { try? await store.close() } }
        let server = try await FaultServer.start(.init(latency: .milliseconds(40)))
        defer { Task { try await server.shutdown() } }
        let dir = try temporaryFolder()
        let rows = 320
        let suite = try writeSuite(count: rows, faultEvery: 7, in: dir)  // 15% of prompts fault
        let runID = try await plan(suite, server: server, db: db, perModel: 64, dir: dir)
        #expect(try await store.planRows(runID: runID).count == rows)

        let lease = 3
        let workers = try ["machine-a", "machine-b", "machine-c"].map { try worker($0, db: db, concurrency: 6, lease: lease, dir: dir) }
        // Kill machine-a once a fifth of the rows are stored, while it holds rows.
        let deadline = ContinuousClock.now + .seconds(120)
        var heldAtKill: [String] = []
        while ContinuousClock.now < deadline {
            let answered = try await store.tally(runID: runID).answered
            let held = try await store.queueStatus(runID: runID).leasedByWorker.filter { $0.key.hasPrefix("machine-a:") }
            if answered >= rows / 5, let (holder, count) = held.first, count > 0 {
                heldAtKill = [holder]
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let killed = workers[0]
        #expect(!heldAtKill.isEmpty, "machine-a held no rows before the deadline")
        #expect(killed.isRunning)
        kill(killed.processIdentifier, SIGKILL)
        await ChildProcess.exit(of: killed)
        #expect(killed.terminationReason == .uncaughtSignal)
        let stranded = try await store.queueStatus(runID: runID).leasedByWorker[heldAtKill[0]] ?? 0
        let killedAt = ContinuousClock.now

        for survivor in workers.dropFirst() { await awaitExit(survivor) }
        let finishedAt = ContinuousClock.now
        for (index, survivor) in workers.enumerated().dropFirst() {
            let log = (try? String(contentsOf: dir.appendingPathComponent("machine-\(["a", "b", "c"][index]).log"), encoding: .utf8)) ?? ""
            #expect(survivor.terminationStatus == 0, "\(log)")
        }

        // Exactly one generation per plan row, every one answered, none lost or doubled.
        let results = try await store.results(runID: runID)
        #expect(results.count == rows)
        #expect(results.allSatisfy { $0.generation != nil }, "a plan row has no generation")
        #expect(results.allSatisfy { $0.generation?.errorCause == nil }, "\(results.compactMap { $0.generation?.errorMessage }.prefix(3))")
        #expect(results.allSatisfy { $0.generation?.responseText?.hasPrefix("Echo:") == true })
        #expect(Set(results.compactMap { $0.generation?.id }).count == rows)
        #expect(try await store.queueStatus(runID: runID).openRows == 0)
        #expect(try await store.run(id: runID)?.status == .completed)
        // The rows machine-a held were stranded until its lease ran out, then redone by the others.
        #expect(stranded > 0, "machine-a's rows were stored before it was killed")
        #expect(finishedAt - killedAt >= .seconds(lease) - .milliseconds(500))
        // Faulted prompts were retried, then answered.
        #expect(server.attempts(forPrompt: "Fleet prompt 0: say hello. [[fault:500x1]]") >= 2)
    }

    @Test func aPerModelCapHoldsForTheWholeFleet() async throws {
        guard let (store, db) = try await sharedDatabase() else { return }
        defer { Task { try? await store.close() } }
        let server = try await FaultServer.start(.init(latency: .milliseconds(100)))
        defer { Task { try await server.shutdown() } }
        let dir = try temporaryFolder()
        let suite = try writeSuite(count: 150, faultEvery: 1_000_000, in: dir)
        let runID = try await plan(suite, server: server, db: db, perModel: 8, dir: dir)
        let workers = try ["cap-a", "cap-b", "cap-c"].map { try worker($0, db: db, concurrency: 25, lease: 10, dir: dir) }
        for w in workers { await awaitExit(w) }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })
        #expect(try await store.tally(runID: runID).answered == 150)
        // 75 rows could be in flight at once; the fleet's cap is 8.
        #expect(server.peakConcurrentRequests <= 8)
        #expect(server.peakConcurrentRequests >= 4, "the cap was never approached: peak \(server.peakConcurrentRequests)")
    }

    @Test func aRateLimitStormSlowsEveryWorker() async throws {
        guard let (store, db) = try await sharedDatabase() else { return }
        defer { Task { try? await store.close() } }
        let server = try await FaultServer.start(.init(latency: .milliseconds(50)))
        defer { Task { try await server.shutdown() } }
        let dir = try temporaryFolder()
        // Every prompt is refused with 429 twice before it is answered.
        var lines: [String] = []
        for i in 0..<80 {
            let item: [String: Any] = ["id": "storm-\(i)", "modality": "text", "prompt": ["en": "Storm prompt \(i). [[fault:429x2]]"]]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: item), as: UTF8.self))
        }
        let suite = dir.appendingPathComponent("storm.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: suite, atomically: true, encoding: .utf8)
        let runID = try await plan(suite, server: server, db: db, perModel: 16, dir: dir)
        let workers = try ["storm-a", "storm-b"].map { try worker($0, db: db, concurrency: 16, lease: 10, dir: dir) }
        var lowest = 16.0
        while workers.contains(where: \.isRunning) {
            if let limit = try await store.modelLimit(model: "openai/fault-model") { lowest = min(lowest, limit) }
            try await Task.sleep(for: .milliseconds(10))
        }
        for w in workers { await awaitExit(w) }
        #expect(try await store.tally(runID: runID).answered == 80)
        // The limit both workers share fell to a quarter of the cap or below while the model refused.
        #expect(lowest <= 4, "the shared limit never fell below \(lowest)")
    }

    @Test func queuedJudgingIsSpreadOverWorkers() async throws {
        guard let (store, db) = try await sharedDatabase() else { return }
        defer { Task { try? await store.close() } }
        let server = try await FaultServer.start(.init(latency: .milliseconds(20)))
        defer { Task { try await server.shutdown() } }
        let dir = try temporaryFolder()
        let suite = try writeSuite(count: 40, faultEvery: 1_000_000, in: dir)
        let runID = try await plan(suite, server: server, db: db, perModel: 16, dir: dir)
        // Judging is queued before any answer exists: workers judge answers as they are stored.
        let queue = try startFulcrum(["judge", runID, "--judge", "native", "--repeat", "2", "--detach", "--db", db],
                                     logTo: dir.appendingPathComponent("judge.log"))
        await ChildProcess.exit(of: queue)
        let queued = try String(contentsOf: dir.appendingPathComponent("judge.log"), encoding: .utf8)
        #expect(queue.terminationStatus == 0 && queued.contains("queued judging of run \(runID) by native-safety@6: 0 judgments"), "\(queued)")
        let workers = try ["judge-a", "judge-b"].map { try worker($0, db: db, concurrency: 8, lease: 10, dir: dir) }
        for w in workers { await awaitExit(w) }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })
        #expect(try await store.tally(runID: runID).answered == 40)
        let judgments = try await store.judgments(runID: runID)
        #expect(judgments.count == 80, "two repeats of each of 40 answers")
        #expect(judgments.allSatisfy { $0.judge == "native-safety@6" && $0.score != nil })
        #expect(Set(judgments.map { "\($0.generationID)#\($0.repeatIndex)" }).count == 80)
        #expect(try await store.openJudgments(runID: runID) == 0)
    }
}
