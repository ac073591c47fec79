import GRDB

/// The incident database's migrations. Each migration is append-only: never edit a shipped one.
enum IncidentSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-incidents") { db in
            // `pk` is an explicit integer key so the external-content FTS table can point at it.
            try db.execute(sql: """
                CREATE TABLE incident (
                    pk INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    origin TEXT NOT NULL,
                    origin_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    date TEXT,
                    description TEXT NOT NULL,
                    report_text TEXT NOT NULL,
                    source_urls TEXT NOT NULL,
                    deployers TEXT NOT NULL,
                    developers TEXT NOT NULL,
                    harmed_parties TEXT NOT NULL,
                    systems TEXT NOT NULL,
                    modality TEXT CHECK (modality IN ('text', 'image', 'video', 'audio')),
                    duplicate_of TEXT,
                    content_hash TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX incident_date ON incident(date);
                CREATE INDEX incident_modality ON incident(modality);

                CREATE VIRTUAL TABLE incident_fts USING fts5(
                    title, description, report_text,
                    content='incident', content_rowid='pk',
                    tokenize='unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER incident_fts_insert AFTER INSERT ON incident BEGIN
                    INSERT INTO incident_fts(rowid, title, description, report_text)
                    VALUES (new.pk, new.title, new.description, new.report_text);
                END;
                CREATE TRIGGER incident_fts_delete AFTER DELETE ON incident BEGIN
                    INSERT INTO incident_fts(incident_fts, rowid, title, description, report_text)
                    VALUES ('delete', old.pk, old.title, old.description, old.report_text);
                END;
                CREATE TRIGGER incident_fts_update AFTER UPDATE ON incident BEGIN
                    INSERT INTO incident_fts(incident_fts, rowid, title, description, report_text)
                    VALUES ('delete', old.pk, old.title, old.description, old.report_text);
                    INSERT INTO incident_fts(rowid, title, description, report_text)
                    VALUES (new.pk, new.title, new.description, new.report_text);
                END;

                CREATE TABLE coding (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id TEXT NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
                    category TEXT NOT NULL,
                    layer TEXT NOT NULL,
                    lifecycle TEXT,
                    severity INTEGER CHECK (severity BETWEEN 1 AND 5),
                    coder TEXT NOT NULL,
                    rationale TEXT,
                    origin TEXT NOT NULL CHECK (origin IN ('human', 'machine')),
                    coded_at TEXT NOT NULL,
                    -- A machine suggestion can never pass for a human code, nor the reverse.
                    CHECK ((origin = 'machine') = (coder LIKE 'machine:%'))
                );
                CREATE UNIQUE INDEX coding_human ON coding(incident_id, coder) WHERE origin = 'human';
                CREATE UNIQUE INDEX coding_machine ON coding(incident_id, coder, category) WHERE origin = 'machine';
                CREATE INDEX coding_category ON coding(category, incident_id);

                CREATE TABLE foreign_code (
                    incident_id TEXT NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
                    taxonomy TEXT NOT NULL,
                    field TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (incident_id, taxonomy, field, value)
                ) WITHOUT ROWID;
                CREATE INDEX foreign_code_field ON foreign_code(taxonomy, field);
                """)
        }
        migrator.registerMigration("v2-bulk-fts-insert") { db in
            // New incidents are indexed by one INSERT … SELECT per import (`IncidentStore.indexNewIncidents`)
            // instead of this per-row trigger: SQLite 3.40's FTS5 flushes its pending terms at every
            // statement that fires it, so a 100,000-row import spent ~14 s in the index instead of ~2 s.
            // Updates and deletes (rare, one row each) keep their triggers.
            try db.execute(sql: "DROP TRIGGER incident_fts_insert")
        }
        migrator.registerMigration("v3-fts-hashsize") { db in
            // FTS5 writes a new index segment whenever its pending terms exceed `hashsize` (1 MB by
            // default) and merges segments as they pile up: a 100,000-row import spent 0.5 s of its
            // 1.7 s of indexing on merges and still left 8 segments, so every term lookup and every
            // snippet's seek searched 8 (a seek cost ~100 µs instead of ~30 µs). With 64 MB of
            // pending terms, held only while an import's insert runs, such an import is one segment.
            try db.execute(sql: "INSERT INTO incident_fts(incident_fts, rank) VALUES ('hashsize', 67108864)")
        }
        migrator.registerMigration("v4-period-end") { db in
            // Dates may be periods (`2023-2024`, `2022-`); `--since` compares the period's end
            // (`Incident.periodEnd`), so an incident still going on is found. Earlier rows hold single
            // dates, whose end is the date itself.
            try db.execute(sql: """
                ALTER TABLE incident ADD COLUMN period_end TEXT;
                UPDATE incident SET period_end = date;
                CREATE INDEX incident_period_end ON incident(period_end);
                """)
        }
        return migrator
    }
}
