import Foundation
import FulcrumCore
import GRDB

/// A stored judgment of one generation by one judge (one repeat). `score` nil is N/A; the raw reply is
/// always kept so an unparseable reply can be inspected and counted.
public struct JudgmentRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "judgments"

    public var id: Int64?
    public var generationID: Int64
    public var judge: String
    public var repeatIndex: Int
    public var score: Double?
    public var parseStatus: JudgmentParseStatus
    public var reason: String?
    public var rawReply: String
    public var harmProbability: Double?
    public var actionClass: Int?
    /// The judge's settings (model, temperature, max tokens, template version) as JSON; never a key.
    public var settingsJSON: String
    public var created: Date

    public init(generationID: Int64, judge: String, repeatIndex: Int, judgment: Judgment, settingsJSON: String, created: Date = Date()) {
        self.generationID = generationID
        self.judge = judge
        self.repeatIndex = repeatIndex
        score = judgment.score
        parseStatus = judgment.parseStatus
        reason = judgment.reason
        rawReply = judgment.rawReply
        harmProbability = judgment.harmProbability
        actionClass = judgment.actionClass?.rawValue
        self.settingsJSON = settingsJSON
        self.created = created
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ResultStore {
    /// Stores a judgment unless one for the same (generation, judge, repeat) exists; a failed call
    /// (`parseStatus == .failed`) is replaced by a later attempt. Returns whether it was stored.
    @discardableResult
    public func record(_ judgment: JudgmentRecord) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO judgments (generationID, judge, repeatIndex, score, parseStatus, reason, rawReply,
                    harmProbability, actionClass, settingsJSON, created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(generationID, judge, repeatIndex) DO UPDATE SET
                    score = excluded.score, parseStatus = excluded.parseStatus, reason = excluded.reason,
                    rawReply = excluded.rawReply, harmProbability = excluded.harmProbability,
                    actionClass = excluded.actionClass, settingsJSON = excluded.settingsJSON, created = excluded.created
                WHERE judgments.parseStatus = 'failed'
                """, arguments: [judgment.generationID, judgment.judge, judgment.repeatIndex, judgment.score,
                                 judgment.parseStatus.rawValue, judgment.reason, judgment.rawReply, judgment.harmProbability,
                                 judgment.actionClass, judgment.settingsJSON, judgment.created])
            return db.changesCount > 0
        }
    }

    /// Every judgment of a run's generations.
    public func judgments(runID: String) async throws -> [JudgmentRecord] {
        try await pool.read { db in
            try JudgmentRecord.fetchAll(db, sql: """
                SELECT j.* FROM judgments j JOIN generations g ON g.id = j.generationID
                JOIN plan_rows p ON p.id = g.planRowID WHERE p.runID = ? ORDER BY j.id
                """, arguments: [runID])
        }
    }
}
