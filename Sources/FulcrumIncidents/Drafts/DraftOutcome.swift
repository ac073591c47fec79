import FulcrumCore

/// What `DraftItems.generate` made: the drafts, and the incidents it could not draft with why.
public struct DraftOutcome: Sendable {
    public var items: [SuiteItem] = []
    public var failures: [DraftFailure] = []
}

/// One (incident, category) left undrafted: the drafter's call failed or its reply was unreadable.
/// Never replaced by a template draft, so a reviewer knows which drafts a model really wrote.
public struct DraftFailure: Sendable, Hashable {
    public var incidentID: String
    public var category: String
    public var reason: String
}
