import Foundation
import FulcrumCore
import FulcrumStore
import Logging
import PostgresNIO

/// The team result store: a PostgreSQL database that any number of workers on any machines share
/// (`ResultStore`'s rules hold; claims use `FOR UPDATE SKIP LOCKED`, times are the server's `now()`).
///
/// The password is used to connect and kept nowhere else: `location` and every error print the URL
/// redacted.
/// ```swift
/// let store = try await PostgresResultStore.open(PostgresURL(parsing: "postgres://fulcrum:…@db:5432/fulcrum"))
/// defer { Task { try? await store.close() } }
/// ```
public final class PostgresResultStore: ResultStore {
    public let url: PostgresURL
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>

    public var location: StoreLocation { .postgres(url) }

    private init(url: PostgresURL, maximumConnections: Int, logger: Logger) {
        self.url = url
        self.logger = logger
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user,
                                                         password: url.password, database: url.database,
                                                         tls: Self.clientTLS(url))
        configuration.options.maximumConnections = maximumConnections
        // The pool logs each failed or closed connection, and a query that waits for `run()` to
        // start, below error level: noise for a command-line user (failures reach the caller).
        var background = logger
        background.logLevel = .error
        client = PostgresClient(configuration: configuration, backgroundLogger: background)
        let client = client
        runTask = Task { await client.run() }
    }

    /// Connects, checks the server answers, and applies missing migrations (several workers starting
    /// at once take turns through an advisory lock).
    public static func open(_ url: PostgresURL, maximumConnections: Int = 16,
                            logger: Logger = Logger(label: "fulcrum.postgres")) async throws -> PostgresResultStore {
        // One plain connection first: the pool retries a refused login forever, this fails at once.
        do {
            let probe = try await PostgresConnection.connect(
                configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                     database: url.database, tls: connectionTLS(url)),
                id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw StoreError.cannotOpen(location: url.redacted, reason: PostgresFailure.describe(error))
        }
        let store = PostgresResultStore(url: url, maximumConnections: maximumConnections, logger: logger)
        do {
            try await PostgresSchema.migrate(store)
        } catch {
            try? await store.close()
            throw StoreError.cannotOpen(location: url.redacted, reason: PostgresFailure.describe(error))
        }
        return store
    }

    static func clientTLS(_ url: PostgresURL) -> PostgresClient.Configuration.TLS {
        switch url.sslMode {
        case "disable", "allow": .disable
        case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
    }

    static func connectionTLS(_ url: PostgresURL) throws -> PostgresConnection.Configuration.TLS {
        switch url.sslMode {
        case "disable", "allow": .disable
        case "require", "verify-ca", "verify-full": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    // MARK: Queries

    /// Runs a query and collects its rows, mapping database errors to `StoreError`.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        do {
            return try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        } catch {
            throw PostgresFailure.storeError(error)
        }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when
    /// it throws (the error is rethrown as it was, so domain errors reach the caller unchanged).
    func transaction<T: Sendable>(_ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                let transaction = Transaction(connection: connection, logger: logger)
                try await transaction.run("BEGIN")
                do {
                    let value = try await body(transaction)
                    try await transaction.run("COMMIT")
                    return value
                } catch {
                    try? await transaction.run("ROLLBACK")
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw PostgresFailure.storeError(error)
        }
    }

    /// One connection inside `transaction`.
    struct Transaction: Sendable {
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
            try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
        }

        func run(_ query: PostgresQuery) async throws {
            _ = try await connection.query(query, logger: logger).collect()
        }
    }

    // MARK: Runs

    public func createRun(_ run: RunRecord, plan: [PlanKey]) async throws -> [PlanRowRecord] {
        try await transaction { t in
            try await Self.insert(t, run)
            try await Self.insertPlanRows(t, runID: run.id, keys: plan)
            return try await t.rows(Self.planRowsQuery(runID: run.id)).map(PostgresRows.planRow)
        }
    }

    public func extendPlan(runID: String, plan: [PlanKey]) async throws -> [PlanRowRecord] {
        try await transaction { t in
            guard try await !t.rows("SELECT 1 FROM runs WHERE id = \(runID)").isEmpty else { throw StoreError.unknownRun(runID) }
            try await Self.insertPlanRows(t, runID: runID, keys: plan)
            return try await t.rows(Self.planRowsQuery(runID: runID)).map(PostgresRows.planRow)
        }
    }

    public func setStatus(runID: String, _ status: RunStatus) async throws {
        try await rows("UPDATE runs SET status = \(status.rawValue) WHERE id = \(runID)")
    }

    public func run(id: String) async throws -> RunRecord? {
        try await rows("SELECT \(unescaped: PostgresRows.runColumns) FROM runs WHERE id = \(id)").first.map(PostgresRows.run)
    }

    public func runs() async throws -> [RunRecord] {
        try await rows("SELECT \(unescaped: PostgresRows.runColumns) FROM runs ORDER BY created DESC, id DESC").map(PostgresRows.run)
    }

    public func unfinishedRun(fingerprint: String) async throws -> RunRecord? {
        try await rows("""
            SELECT \(unescaped: PostgresRows.runColumns) FROM runs WHERE fingerprint = \(fingerprint)
            AND status = \(RunStatus.unfinished.rawValue) ORDER BY created DESC, id DESC LIMIT 1
            """).first.map(PostgresRows.run)
    }

    public func run(named name: String) async throws -> RunRecord? {
        try await rows("""
            SELECT \(unescaped: PostgresRows.runColumns) FROM runs WHERE name = \(name) ORDER BY created DESC, id DESC LIMIT 1
            """).first.map(PostgresRows.run)
    }

    // MARK: Plan rows and generations

    public func planRows(runID: String) async throws -> [PlanRowRecord] {
        try await rows(Self.planRowsQuery(runID: runID)).map(PostgresRows.planRow)
    }

    public func pendingRows(runID: String) async throws -> [PlanRowRecord] {
        try await rows("""
            SELECT p.id, p.run_id, p.item_id, p.model_spec, p.language, p.sample_index FROM plan_rows p
            LEFT JOIN generations g ON g.plan_row_id = p.id
            WHERE p.run_id = \(runID) AND (g.id IS NULL OR g.error_cause IS NOT NULL) ORDER BY p.id
            """).map(PostgresRows.planRow)
    }

    @discardableResult
    public func record(_ generation: GenerationRecord) async throws -> Bool {
        try await Self.upsert(generation, query: rows)
    }

    public func cachedAnswer(requestHash: String) async throws -> GenerationRecord? {
        try await rows("""
            SELECT \(unescaped: PostgresRows.generationColumns) FROM generations
            WHERE request_hash = \(requestHash) AND error_cause IS NULL ORDER BY id LIMIT 1
            """).first.map(PostgresRows.generation)
    }

    public func generations(runID: String) async throws -> [GenerationRecord] {
        try await rows("""
            SELECT \(unescaped: PostgresRows.generationColumns("g.")) FROM generations g JOIN plan_rows p ON p.id = g.plan_row_id
            WHERE p.run_id = \(runID) ORDER BY p.id
            """).map(PostgresRows.generation)
    }

    public func results(runID: String) async throws -> [RunResult] {
        try await transaction { t in
            let rows = try await t.rows(Self.planRowsQuery(runID: runID)).map(PostgresRows.planRow)
            let generations = try await t.rows("""
                SELECT \(unescaped: PostgresRows.generationColumns("g.")) FROM generations g
                JOIN plan_rows p ON p.id = g.plan_row_id WHERE p.run_id = \(runID)
                """).map(PostgresRows.generation)
            let byRow = Dictionary(generations.map { ($0.planRowID, $0) }, uniquingKeysWith: { a, _ in a })
            return rows.map { RunResult(row: $0, generation: $0.id.flatMap { byRow[$0] }) }
        }
    }

    public func tally(runID: String) async throws -> RunTally {
        try await transaction { t in
            let totals = try await t.rows("""
                SELECT COUNT(p.id), COUNT(g.id) FILTER (WHERE g.error_cause IS NULL),
                       COUNT(g.id) FILTER (WHERE g.error_cause IS NOT NULL),
                       COALESCE(SUM(g.input_tokens), 0)::bigint, COALESCE(SUM(g.output_tokens), 0)::bigint,
                       COALESCE(SUM(g.attempts), 0)::bigint, COUNT(g.id) FILTER (WHERE g.origin = 'cache')
                FROM plan_rows p LEFT JOIN generations g ON g.plan_row_id = p.id WHERE p.run_id = \(runID)
                """)[0]
            var causes: [String: Int] = [:]
            for row in try await t.rows("""
                SELECT g.error_cause, COUNT(*) FROM generations g JOIN plan_rows p ON p.id = g.plan_row_id
                WHERE p.run_id = \(runID) AND g.error_cause IS NOT NULL GROUP BY g.error_cause
                """) {
                causes[try row[0].decode(String.self)] = try row[1].decode(Int.self)
            }
            func int(_ i: Int) throws -> Int { try totals[i].decode(Int.self) }
            return RunTally(rows: try int(0), answered: try int(1), failed: try int(2), failuresByCause: causes,
                            inputTokens: try int(3), outputTokens: try int(4), modelCalls: try int(5), cacheHits: try int(6))
        }
    }

    public func importAnswers(run: RunRecord, answers: [(key: PlanKey, generation: GenerationRecord)]) async throws {
        let answers = answers.map { ImportedAnswer(key: $0.key, generation: $0.generation) }
        try await transaction { t in
            if try await t.rows("SELECT 1 FROM runs WHERE id = \(run.id)").isEmpty { try await Self.insert(t, run) }
            try await Self.insertPlanRows(t, runID: run.id, keys: answers.map(\.key))
            let planned = try await t.rows(Self.planRowsQuery(runID: run.id)).map(PostgresRows.planRow)
            let ids = Dictionary(planned.map { ($0.key, $0.id!) }, uniquingKeysWith: { a, _ in a })
            let answered = Set(try await t.rows("""
                SELECT g.plan_row_id FROM generations g JOIN plan_rows p ON p.id = g.plan_row_id WHERE p.run_id = \(run.id)
                """).map { try $0[0].decode(Int64.self) })
            for answer in answers {
                var generation = answer.generation
                generation.planRowID = ids[answer.key]!
                guard !answered.contains(generation.planRowID) else {
                    throw StoreError.alreadyAnswered(runID: run.id, key: answer.key)
                }
                _ = try await Self.upsert(generation, query: t.rows)
            }
        }
    }

    /// An import pair in a Sendable shape for the transaction closure.
    private struct ImportedAnswer: Sendable {
        var key: PlanKey
        var generation: GenerationRecord
    }

    // MARK: Judgments

    @discardableResult
    public func record(_ j: JudgmentRecord) async throws -> Bool {
        try await !rows("""
            WITH lease AS (DELETE FROM judgment_leases
                           WHERE generation_id = \(j.generationID) AND judge = \(j.judge) AND repeat_index = \(j.repeatIndex)
                           RETURNING generation_id)
            INSERT INTO judgments (generation_id, judge, repeat_index, score, parse_status, reason, raw_reply,
                harm_probability, action_class, settings_json, created)
            VALUES (\(j.generationID), \(j.judge), \(j.repeatIndex), \(j.score), \(j.parseStatus.rawValue), \(j.reason),
                    \(j.rawReply), \(j.harmProbability), \(j.actionClass), \(j.settingsJSON), \(j.created))
            ON CONFLICT (generation_id, judge, repeat_index) DO UPDATE SET
                score = excluded.score, parse_status = excluded.parse_status, reason = excluded.reason,
                raw_reply = excluded.raw_reply, harm_probability = excluded.harm_probability,
                action_class = excluded.action_class, settings_json = excluded.settings_json, created = excluded.created
            WHERE judgments.parse_status = 'failed'
            RETURNING id
            """).isEmpty
    }

    public func judgments(runID: String) async throws -> [JudgmentRecord] {
        try await rows("""
            SELECT j.id, j.generation_id, j.judge, j.repeat_index, j.score, j.parse_status, j.reason, j.raw_reply,
                   j.harm_probability, j.action_class, j.settings_json, j.created
            FROM judgments j JOIN generations g ON g.id = j.generation_id JOIN plan_rows p ON p.id = g.plan_row_id
            WHERE p.run_id = \(runID) ORDER BY j.id
            """).map(PostgresRows.judgment)
    }

    // MARK: Internals

    static func planRowsQuery(runID: String) -> PostgresQuery {
        "SELECT id, run_id, item_id, model_spec, language, sample_index FROM plan_rows WHERE run_id = \(runID) ORDER BY id"
    }

    static func insert(_ t: Transaction, _ run: RunRecord) async throws {
        try await t.run("""
            INSERT INTO runs (id, name, created, suite_name, suite_hash, config_json, fingerprint, status, suite_json)
            VALUES (\(run.id), \(run.name), \(run.created), \(run.suiteName), \(run.suiteHash), \(run.configJSON),
                    \(run.fingerprint), \(run.status.rawValue), \(run.suiteJSON))
            """)
    }

    /// All keys in one statement (arrays unnested server-side), skipping rows that exist.
    static func insertPlanRows(_ t: Transaction, runID: String, keys: [PlanKey]) async throws {
        guard !keys.isEmpty else { return }
        for chunk in stride(from: 0, to: keys.count, by: 5000).map({ keys[$0..<min($0 + 5000, keys.count)] }) {
            try await t.run("""
                INSERT INTO plan_rows (run_id, item_id, model_spec, language, sample_index)
                SELECT \(runID)::text, k.item_id, k.model_spec, k.language, k.sample_index
                FROM unnest(\(chunk.map(\.itemID))::text[], \(chunk.map(\.modelSpec))::text[],
                            \(chunk.map(\.language))::text[], \(chunk.map(\.sampleIndex))::bigint[])
                    WITH ORDINALITY AS k(item_id, model_spec, language, sample_index, n)
                ORDER BY k.n
                ON CONFLICT DO NOTHING
                """)
        }
    }

    /// Inserts, or replaces a failed generation (a successful one is kept), and ends the row's lease,
    /// in one statement. Returns whether it was stored.
    static func upsert(_ g: GenerationRecord, query: (PostgresQuery) async throws -> [PostgresRandomAccessRow]) async throws -> Bool {
        try await !query("""
            WITH lease AS (UPDATE plan_rows SET lease_owner = NULL, lease_expires = NULL WHERE id = \(g.planRowID) RETURNING id)
            INSERT INTO generations (plan_row_id, request_hash, messages_json, response_text, finish_reason, input_tokens,
                output_tokens, latency_ms, attempts, error_cause, error_message, origin, started_at, finished_at)
            VALUES (\(g.planRowID), \(g.requestHash), \(g.messagesJSON), \(g.responseText), \(g.finishReason),
                    \(g.inputTokens), \(g.outputTokens), \(g.latencyMs), \(g.attempts), \(g.errorCause), \(g.errorMessage),
                    \(g.origin.rawValue), \(g.startedAt), \(g.finishedAt))
            ON CONFLICT (plan_row_id) DO UPDATE SET
                request_hash = excluded.request_hash, messages_json = excluded.messages_json,
                response_text = excluded.response_text, finish_reason = excluded.finish_reason,
                input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
                latency_ms = excluded.latency_ms, attempts = excluded.attempts, error_cause = excluded.error_cause,
                error_message = excluded.error_message, origin = excluded.origin, started_at = excluded.started_at,
                finished_at = excluded.finished_at, requeued = false
            WHERE generations.error_cause IS NOT NULL
            RETURNING id
            """).isEmpty
    }
}

extension PostgresResultStore {
    /// The test suites' PostgreSQL: a fresh database beside the one `FULCRUM_TEST_POSTGRES_URL`
    /// names, or nil when that is unset on a developer's machine. In CI (`CI=true`) it must be set:
    /// the PostgreSQL tests are never silently skipped there.
    package static func scratchDatabaseForTests() async throws -> PostgresURL? {
        let environment = ProcessInfo.processInfo.environment
        guard let text = environment["FULCRUM_TEST_POSTGRES_URL"], !text.isEmpty else {
            if environment["CI"] == "true" {
                throw StoreError.invalidLocation("FULCRUM_TEST_POSTGRES_URL is not set in CI (scripts/test.sh starts PostgreSQL)")
            }
            return nil
        }
        let name = "fulcrum_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        return try await createScratchDatabase(admin: try PostgresURL(parsing: text), name: String(name))
    }

    /// Creates an empty database beside the one `admin` names and returns its URL: one database per
    /// test (the role needs CREATEDB), so suites never see each other's rows.
    package static func createScratchDatabase(admin: PostgresURL, name: String) async throws -> PostgresURL {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw StoreError.invalidLocation("a scratch database name is letters, digits and _ only")
        }
        let store = PostgresResultStore(url: admin, maximumConnections: 1, logger: Logger(label: "fulcrum.postgres.admin"))
        defer { Task { try? await store.close() } }
        try await store.rows("CREATE DATABASE \(unescaped: name)")
        var url = admin
        url.database = name
        return url
    }
}
