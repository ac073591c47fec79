import Foundation
import FulcrumPostgresStore
import FulcrumStore
import Testing

/// The work queue and fleet-wide model slots, against every backend.
@Suite struct WorkQueueTests {
    func queuedRun(_ store: any ResultStore) async throws -> (RunRecord, [PlanRowRecord]) {
        let run = sampleRun(suiteJSON: "{}")
        return (run, try await store.createRun(run, plan: keys))
    }

    func answer(_ row: PlanRowRecord, _ text: String) -> GenerationRecord {
        GenerationRecord(planRowID: row.id!, requestHash: "h-\(row.id!)", messagesJSON: "[]", responseText: text, attempts: 1)
    }

    @Test(arguments: Backend.available) func claimsAreExclusiveAndExpiredLeasesAreReclaimed(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let (run, rows) = try await queuedRun(store)
        // Long enough that a loaded machine reads the queue before it expires (1 s did not, once).
        let a = try await store.claimRows(worker: "a", runID: nil, limit: 2, lease: .seconds(4))
        #expect(a.map { $0.id } == [rows[0].id, rows[1].id])
        let b = try await store.claimRows(worker: "b", runID: nil, limit: 5, lease: .seconds(30))
        #expect(b.map { $0.id } == [rows[2].id])
        #expect(try await store.claimRows(worker: "b", runID: nil, limit: 5, lease: .seconds(30)).isEmpty)
        let status = try await store.queueStatus(runID: run.id)
        #expect(status.openRows == 3 && status.leasedByWorker == ["a": 2, "b": 1])

        // a stops renewing: after its lease its rows go to c, and the first answer stored wins.
        try await Task.sleep(for: .milliseconds(4500))
        let c = try await store.claimRows(worker: "c", runID: nil, limit: 5, lease: .seconds(30))
        #expect(c.map { $0.id } == [rows[0].id, rows[1].id])
        #expect(try await store.record(answer(rows[0], "late answer from a")))
        #expect(try await store.record(answer(rows[0], "answer from c")) == false)
        let stored = try await store.generations(runID: run.id)
        #expect(stored.count == 1 && stored[0].responseText == "late answer from a")
        // Storing an answer ends the row's lease.
        #expect(try await store.queueStatus(runID: run.id).leasedByWorker == ["b": 1, "c": 1])
    }

    @Test(arguments: Backend.available) func renewedLeasesHoldAndReleasedRowsReturn(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        _ = try await queuedRun(store)
        #expect(try await store.claimRows(worker: "a", runID: nil, limit: 3, lease: .seconds(1)).count == 3)
        try await Task.sleep(for: .milliseconds(400))
        #expect(try await store.renewLeases(worker: "a", lease: .seconds(5)) == 3)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await store.claimRows(worker: "b", runID: nil, limit: 3, lease: .seconds(5)).isEmpty)
        try await store.releaseLeases(worker: "a")
        #expect(try await store.claimRows(worker: "b", runID: nil, limit: 3, lease: .seconds(5)).count == 3)
    }

    @Test(arguments: Backend.available) func failedRowsWaitForRequeueAndRunsComplete(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let (run, rows) = try await queuedRun(store)
        _ = try await store.claimRows(worker: "a", runID: nil, limit: 3, lease: .seconds(30))
        try await store.record(answer(rows[0], "one"))
        try await store.record(answer(rows[1], "two"))
        try await store.record(GenerationRecord(planRowID: rows[2].id!, requestHash: "x", messagesJSON: "[]", attempts: 5,
                                                errorCause: "rate-limited", errorMessage: "HTTP 429"))
        // A failed row is finished for the queue until it is put back.
        #expect(try await store.queueStatus(runID: run.id).openRows == 0)
        #expect(try await store.claimRows(worker: "a", runID: nil, limit: 3, lease: .seconds(30)).isEmpty)
        #expect(try await store.completeFinishedRuns().isEmpty)
        try await store.requeueFailed(runID: run.id)
        #expect(try await store.queueStatus(runID: run.id).openRows == 1)
        let again = try await store.claimRows(worker: "b", runID: nil, limit: 3, lease: .seconds(30))
        #expect(again.map { $0.id } == [rows[2].id])
        try await store.record(answer(rows[2], "three"))
        #expect(try await store.completeFinishedRuns() == [run.id])
        #expect(try await store.run(id: run.id)?.status == .completed)
        #expect(try await store.tally(runID: run.id).answered == 3)
    }

    @Test(arguments: Backend.available) func runsWithoutTheirSuiteAreServedOnlyByID(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        let run = sampleRun()
        _ = try await store.createRun(run, plan: keys)
        #expect(try await store.claimRows(worker: "a", runID: nil, limit: 3, lease: .seconds(30)).isEmpty)
        #expect(try await store.claimRows(worker: "a", runID: run.id, limit: 3, lease: .seconds(30)).count == 3)
        // Imported runs are never served.
        let imported = RunRecord(name: "vendor", suiteName: "s", suiteHash: "h", configJSON: "{}", fingerprint: "i",
                                 status: .imported, suiteJSON: "{}")
        _ = try await store.createRun(imported, plan: keys)
        #expect(try await store.claimRows(worker: "a", runID: nil, limit: 3, lease: .seconds(30)).isEmpty)
    }

    @Test(arguments: Backend.available) func modelSlotsCapTheFleetAndAdaptToRateLimits(_ backend: Backend) async throws {
        let store = try await makeStore(backend)
        defer { Task { try? await store.close() } }
        #expect(try await store.modelLimit(model: "m") == nil)
        #expect(try await store.acquireModelSlot(model: "m", maximum: 2, worker: "a", lease: .seconds(1)) == nil, "no slots before they are prepared")
        try await store.prepareModelSlots(model: "m", maximum: 2)
        try await store.prepareModelSlots(model: "m", maximum: 2)
        try await store.prepareModelSlots(model: "other", maximum: 1)
        #expect(try await store.modelLimit(model: "m") == 2)
        let first = try await store.acquireModelSlot(model: "m", maximum: 2, worker: "a", lease: .seconds(1))
        let second = try await store.acquireModelSlot(model: "m", maximum: 2, worker: "b", lease: .seconds(30))
        #expect(Set([first, second]) == [0, 1])
        #expect(try await store.acquireModelSlot(model: "m", maximum: 2, worker: "c", lease: .seconds(30)) == nil)
        // Another model has its own slots.
        #expect(try await store.acquireModelSlot(model: "other", maximum: 1, worker: "c", lease: .seconds(30)) == 0)

        // A 429 halves the shared limit: with one slot free again, only slot 0 is usable.
        try await store.releaseModelSlot(model: "m", slot: second!, worker: "b", maximum: 2, rateLimited: true)
        #expect(try await store.modelLimit(model: "m") == 1)
        // a's slot lease runs out: it is taken back.
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await store.acquireModelSlot(model: "m", maximum: 2, worker: "c", lease: .seconds(30)) == 0)
        #expect(try await store.acquireModelSlot(model: "m", maximum: 2, worker: "d", lease: .seconds(30)) == nil)
        // A success regains a slot (1 + 1/1 = 2).
        try await store.releaseModelSlot(model: "m", slot: 0, worker: "c", maximum: 2, rateLimited: false)
        #expect(try await store.modelLimit(model: "m") == 2)
        #expect(try await store.acquireModelSlot(model: "m", maximum: 2, worker: "d", lease: .seconds(30)) != nil)
        // A release by a worker that does not hold the slot changes no slot.
        try await store.releaseLeases(worker: "d")
        #expect(try await store.acquireModelSlot(model: "m", maximum: 2, worker: "e", lease: .seconds(30)) != nil)
    }
}

@Suite struct StoreLocationTests {
    @Test func pathsAndURLsAreToldApartAndPasswordsNeverPrinted() throws {
        #expect(try StoreLocation(parsing: "runs/db.sqlite") == .sqlite(path: "runs/db.sqlite"))
        let location = try StoreLocation(parsing: "postgres://fulcrum:s3cr%40t@db.example:6543/team?sslmode=require")
        guard case .postgres(let url) = location else { Issue.record("not a URL"); return }
        #expect(url.user == "fulcrum" && url.password == "s3cr@t" && url.host == "db.example" && url.port == 6543)
        #expect(url.database == "team" && url.sslMode == "require")
        #expect(location.description == "postgres://fulcrum:***@db.example:6543/team")
        #expect(!location.description.contains("s3cr"))
        #expect(try StoreLocation(parsing: "postgresql://u@h/d").description == "postgres://u@h:5432/d")
        for bad in ["postgres://h/d", "postgres://u:pw@h/", "postgres://u:pw@h/d?sslmode=maybe"] {
            #expect(throws: StoreError.self) { _ = try StoreLocation(parsing: bad) }
            do { _ = try StoreLocation(parsing: bad) } catch { #expect(!String(describing: error).contains(":pw@")) }
        }
        #expect(try StoreLocation.resolve(nil, environment: [:]) == .sqlite(path: StoreLocation.defaultPath))
        #expect(try StoreLocation.resolve(nil, environment: ["FULCRUM_DATABASE_URL": "postgres://u@h/d"]).description == "postgres://u@h:5432/d")
        #expect(try StoreLocation.resolve("x.sqlite", environment: ["FULCRUM_DATABASE_URL": "postgres://u@h/d"]) == .sqlite(path: "x.sqlite"))
    }

    @Test func aWrongPasswordIsAClearErrorWithoutThePassword() async throws {
        guard let text = Backend.postgresURL else {
            if Backend.inCI { throw MissingPostgres() }
            return
        }
        var url = try PostgresURL(parsing: text)
        url.password = "wrong-password-7c1e"
        do {
            _ = try await PostgresResultStore.open(url)
            Issue.record("opened with a wrong password")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("cannot open the result database"))
            #expect(!text.contains("wrong-password-7c1e"))
        }
    }
}
