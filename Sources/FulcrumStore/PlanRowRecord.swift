/// What one plan row asks for: an item, sent to a model, in a language, as the n-th sample.
/// Unique within a run; this uniqueness is what makes resuming and re-inserting idempotent.
public struct PlanKey: Codable, Sendable, Hashable, Comparable {
    public var itemID: String
    public var modelSpec: String
    public var language: String
    public var sampleIndex: Int

    public init(itemID: String, modelSpec: String, language: String, sampleIndex: Int = 0) {
        self.itemID = itemID
        self.modelSpec = modelSpec
        self.language = language
        self.sampleIndex = sampleIndex
    }

    public static func < (a: PlanKey, b: PlanKey) -> Bool {
        (a.itemID, a.modelSpec, a.language, a.sampleIndex) < (b.itemID, b.modelSpec, b.language, b.sampleIndex)
    }
}

/// A plan row as stored: unique on (runID, itemID, modelSpec, language, sampleIndex). `id` is the
/// store's own row number, stable for the life of the database (not across `db copy`).
public struct PlanRowRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var runID: String
    public var itemID: String
    public var modelSpec: String
    public var language: String
    public var sampleIndex: Int

    public init(id: Int64? = nil, runID: String, key: PlanKey) {
        self.id = id
        self.runID = runID
        self.itemID = key.itemID
        self.modelSpec = key.modelSpec
        self.language = key.language
        self.sampleIndex = key.sampleIndex
    }

    public var key: PlanKey { PlanKey(itemID: itemID, modelSpec: modelSpec, language: language, sampleIndex: sampleIndex) }
}
