import GRDB

/// The SQLite schema as an ordered list of migrations.
///
/// To extend the schema (e.g. judgments), append a new `registerMigration` with a new name at the end of
/// `migrator`; never edit a migration that has shipped. Opening a store applies whatever is missing.
public enum SQLiteSchema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-plan-generations") { db in
            try db.create(table: "runs") { t in
                t.primaryKey("id", .text)
                t.column("name", .text)
                t.column("created", .datetime).notNull()
                t.column("suiteName", .text).notNull()
                t.column("suiteHash", .text).notNull()
                t.column("configJSON", .text).notNull()
                t.column("fingerprint", .text).notNull().indexed()
                t.column("status", .text).notNull()
            }
            try db.create(index: "runs_name", on: "runs", columns: ["name"])
            try db.create(table: "plan_rows") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runID", .text).notNull().references("runs", onDelete: .cascade)
                t.column("itemID", .text).notNull()
                t.column("modelSpec", .text).notNull()
                t.column("language", .text).notNull()
                t.column("sampleIndex", .integer).notNull()
                t.uniqueKey(["runID", "itemID", "modelSpec", "language", "sampleIndex"])
            }
            try db.create(table: "generations") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("planRowID", .integer).notNull().unique().references("plan_rows", onDelete: .cascade)
                t.column("requestHash", .text).indexed()
                t.column("messagesJSON", .text).notNull()
                t.column("responseText", .text)
                t.column("finishReason", .text)
                t.column("inputTokens", .integer)
                t.column("outputTokens", .integer)
                t.column("latencyMs", .integer)
                t.column("attempts", .integer).notNull()
                t.column("errorCause", .text)
                t.column("errorMessage", .text)
                t.column("origin", .text).notNull()
                t.column("startedAt", .datetime)
                t.column("finishedAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2-judgments") { db in
            // One row per (generation, judge, repeat): several judges and repeats of one judge side by side.
            try db.create(table: "judgments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("generationID", .integer).notNull().references("generations", onDelete: .cascade)
                t.column("judge", .text).notNull()
                t.column("repeatIndex", .integer).notNull()
                t.column("score", .double)
                t.column("parseStatus", .text).notNull()
                t.column("reason", .text)
                t.column("rawReply", .text).notNull()
                t.column("harmProbability", .double)
                t.column("actionClass", .integer)
                t.column("settingsJSON", .text).notNull()
                t.column("created", .datetime).notNull()
                t.uniqueKey(["generationID", "judge", "repeatIndex"])
            }
        }
        migrator.registerMigration("v3-work-queue") { db in
            // Leases (unix seconds by the database's clock) let workers share a run; `requeued` puts a
            // failed row back in the queue; the suite travels with the run for workers elsewhere.
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN suiteJSON TEXT;
                ALTER TABLE plan_rows ADD COLUMN leaseOwner TEXT;
                ALTER TABLE plan_rows ADD COLUMN leaseExpires REAL;
                ALTER TABLE generations ADD COLUMN requeued INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX plan_rows_lease ON plan_rows(leaseOwner) WHERE leaseOwner IS NOT NULL;
                CREATE TABLE model_limits (
                    modelSpec TEXT PRIMARY KEY, currentLimit REAL NOT NULL, lastDecrease REAL);
                CREATE TABLE model_slots (
                    modelSpec TEXT NOT NULL, slot INTEGER NOT NULL, owner TEXT, expires REAL,
                    PRIMARY KEY (modelSpec, slot));
                """)
        }
        migrator.registerMigration("v4-judge-queue") { db in
            // Judging spread over workers: what to judge, and which judgment a worker is making.
            try db.execute(sql: """
                CREATE TABLE judge_requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    runID TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    judge TEXT NOT NULL, recipeJSON TEXT NOT NULL, repeats INTEGER NOT NULL,
                    requestedAt DATETIME NOT NULL, UNIQUE (runID, judge));
                CREATE TABLE judgment_leases (
                    generationID INTEGER NOT NULL, judge TEXT NOT NULL, repeatIndex INTEGER NOT NULL,
                    requestID INTEGER NOT NULL, owner TEXT NOT NULL, expires REAL NOT NULL,
                    PRIMARY KEY (generationID, judge, repeatIndex));
                """)
        }
        migrator.registerMigration("v5-judge-calibrations") { db in
            // A judge's measured error on labelled answers; the whole record as JSON, with the
            // columns a lookup needs beside it. Several per judge: the newest is used.
            try db.execute(sql: """
                CREATE TABLE judge_calibrations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, judge TEXT NOT NULL, created DATETIME NOT NULL,
                    method TEXT NOT NULL, unsafeThreshold REAL NOT NULL, recordJSON TEXT NOT NULL);
                CREATE INDEX judge_calibrations_judge ON judge_calibrations(judge, created);
                """)
        }
        return migrator
    }
}
