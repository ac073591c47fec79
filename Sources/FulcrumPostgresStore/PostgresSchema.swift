import PostgresNIO

/// The PostgreSQL schema as an ordered list of migrations, recorded in `fulcrum_migrations`.
///
/// Append new migrations at the end with a new name; never edit one that has shipped. Workers that
/// start together serialise on an advisory lock, so each migration runs once.
enum PostgresSchema {
    static let migrations: [(name: String, sql: [PostgresQuery])] = [
        ("v1-runs-plan-generations-judgments", [
            """
            CREATE TABLE runs (
                id text PRIMARY KEY, name text, created timestamptz NOT NULL, suite_name text NOT NULL,
                suite_hash text NOT NULL, config_json text NOT NULL, fingerprint text NOT NULL,
                status text NOT NULL, suite_json text)
            """,
            "CREATE INDEX runs_fingerprint ON runs (fingerprint)",
            "CREATE INDEX runs_name ON runs (name)",
            """
            CREATE TABLE plan_rows (
                id bigserial PRIMARY KEY, run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                item_id text NOT NULL, model_spec text NOT NULL, language text NOT NULL, sample_index bigint NOT NULL,
                lease_owner text, lease_expires timestamptz,
                UNIQUE (run_id, item_id, model_spec, language, sample_index))
            """,
            "CREATE INDEX plan_rows_lease ON plan_rows (lease_owner) WHERE lease_owner IS NOT NULL",
            """
            CREATE TABLE generations (
                id bigserial PRIMARY KEY,
                plan_row_id bigint NOT NULL UNIQUE REFERENCES plan_rows (id) ON DELETE CASCADE,
                request_hash text, messages_json text NOT NULL, response_text text, finish_reason text,
                input_tokens bigint, output_tokens bigint, latency_ms bigint, attempts bigint NOT NULL,
                error_cause text, error_message text, origin text NOT NULL, started_at timestamptz,
                finished_at timestamptz NOT NULL, requeued boolean NOT NULL DEFAULT false)
            """,
            "CREATE INDEX generations_request_hash ON generations (request_hash) WHERE error_cause IS NULL",
            """
            CREATE TABLE judgments (
                id bigserial PRIMARY KEY,
                generation_id bigint NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
                judge text NOT NULL, repeat_index bigint NOT NULL, score double precision, parse_status text NOT NULL,
                reason text, raw_reply text NOT NULL, harm_probability double precision, action_class bigint,
                settings_json text NOT NULL, created timestamptz NOT NULL,
                UNIQUE (generation_id, judge, repeat_index))
            """,
            """
            CREATE TABLE model_limits (
                model_spec text PRIMARY KEY, current_limit double precision NOT NULL, last_decrease timestamptz)
            """,
            """
            CREATE TABLE model_slots (
                model_spec text NOT NULL, slot bigint NOT NULL, owner text, expires timestamptz,
                PRIMARY KEY (model_spec, slot))
            """,
        ]),
        ("v2-judge-queue", [
            """
            CREATE TABLE judge_requests (
                id bigserial PRIMARY KEY, run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                judge text NOT NULL, recipe_json text NOT NULL, repeats bigint NOT NULL,
                requested_at timestamptz NOT NULL, UNIQUE (run_id, judge))
            """,
            """
            CREATE TABLE judgment_leases (
                generation_id bigint NOT NULL, judge text NOT NULL, repeat_index bigint NOT NULL,
                request_id bigint NOT NULL, owner text NOT NULL, expires timestamptz NOT NULL,
                PRIMARY KEY (generation_id, judge, repeat_index))
            """,
        ]),
        ("v3-judge-calibrations", [
            // A judge's measured error on labelled answers; the whole record as JSON, with the
            // columns a lookup needs beside it. Several per judge: the newest is used.
            """
            CREATE TABLE judge_calibrations (
                id bigserial PRIMARY KEY, judge text NOT NULL, created timestamptz NOT NULL, method text NOT NULL,
                unsafe_threshold double precision NOT NULL, record_json text NOT NULL)
            """,
            "CREATE INDEX judge_calibrations_judge ON judge_calibrations (judge, created)",
        ]),
    ]

    /// An arbitrary constant naming Fulcrum's migration lock among the database's advisory locks.
    static let lockKey: Int64 = 0x46_75_6C_63_72_75_6D

    static func migrate(_ store: PostgresResultStore) async throws {
        try await store.transaction { t in
            try await t.run("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await t.run("CREATE TABLE IF NOT EXISTS fulcrum_migrations (name text PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())")
            let applied = Set(try await t.rows("SELECT name FROM fulcrum_migrations").map { try $0[0].decode(String.self) })
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.sql { try await t.run(statement) }
                try await t.run("INSERT INTO fulcrum_migrations (name) VALUES (\(migration.name))")
            }
        }
    }

    static var names: [String] { migrations.map(\.name) }
}
