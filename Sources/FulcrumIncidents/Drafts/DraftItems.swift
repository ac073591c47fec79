import Foundation
import FulcrumCore
import FulcrumSuites

/// Turns coded incidents into draft suite items (source = incident id, tags `draft`, `needs-review`)
/// and validates them exactly as any suite file is validated.
///
/// ```swift
/// let outcome = try await DraftItems(drafter: TemplateDrafter()).generate(store: store)
/// try DraftItems.write(outcome.items, to: URL(fileURLWithPath: "drafts.jsonl"))   // validated on the way out
/// ```
public struct DraftItems: Sendable {
    public var drafter: any IncidentItemDrafter
    public var scale: GVSScale
    /// Also draft from machine suggestions for incidents no human has coded (tagged `suggested-category`).
    public var includeSuggested: Bool
    public var limit: Int?

    public init(drafter: any IncidentItemDrafter = TemplateDrafter(), scale: GVSScale = .builtIn,
                includeSuggested: Bool = false, limit: Int? = nil) {
        self.drafter = drafter
        self.scale = scale
        self.includeSuggested = includeSuggested
        self.limit = limit
    }

    /// Drafts every planned (incident, category). A draft the drafter could not make (a failed
    /// call, an unreadable reply) is listed in `failures`, and drafting goes on with the next.
    public func generate(store: IncidentStore, incidentIDs: [String]? = nil) async throws -> DraftOutcome {
        var plan: [(incident: String, category: String, suggested: Bool)] = []
        let human = try Consensus.entries(from: store)
        var covered = Set<String>()
        for entry in human {
            covered.insert(entry.incidentID)
            // Without a majority there is nothing agreed to draft from; disputes are resolved first.
            if let category = entry.category { plan.append((entry.incidentID, category, false)) }
        }
        if includeSuggested {
            let suggestions = Dictionary(grouping: try store.codings(origin: .machine), by: \.incidentID)
            for (id, codings) in suggestions.sorted(by: { $0.key < $1.key }) where !covered.contains(id) {
                for category in Set(codings.map(\.category)).sorted() { plan.append((id, category, true)) }
            }
        }
        if let incidentIDs {
            let wanted = Set(incidentIDs)
            plan = plan.filter { wanted.contains($0.incident) }
        }
        if let limit { plan = Array(plan.prefix(limit)) }
        var outcome = DraftOutcome()
        for step in plan {
            guard let incident = try store.incident(id: step.incident),
                  let category = scale.category(id: step.category) else { continue }
            let text: DraftText
            do {
                text = try await drafter.draft(incident: incident, category: category)
            } catch {
                outcome.failures.append(DraftFailure(incidentID: incident.id, category: category.id,
                                                     reason: "\(error)"))
                continue
            }
            var tags = ["draft", "needs-review", "incident", "drafter:\(drafter.name)"]
            if step.suggested { tags.append("suggested-category") }
            if let modality = incident.modality { tags.append("incident-modality:\(modality.rawValue)") }
            outcome.items.append(SuiteItem(id: Self.itemID(incident: incident, category: category), modality: .text,
                                           category: category.id, prompt: LocalizedText([.en: text.prompt]),
                                           focus: LocalizedText([.en: text.focus]), tags: tags, source: incident.id))
        }
        return outcome
    }

    /// `draft.<origin>-<number>.<category slug>`, using only characters safe in ids and file names.
    static func itemID(incident: Incident, category: GVSCategory) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        let originID = String(incident.originID.map { safe.contains($0) ? $0 : "-" })
        let slug = category.id.split(separator: ".").last.map(String.init) ?? category.id
        return "draft.\(incident.origin)-\(originID).\(slug)"
    }

    /// Writes items as a suite file and reads it back through `SuiteFile.read`, so drafts pass the
    /// same validation as any suite; returns the validated suite.
    @discardableResult
    public static func write(_ items: [SuiteItem], to url: URL, scale: GVSScale = .builtIn) throws -> Suite {
        try SuiteFile.write(items, to: url)
        return try SuiteFile.read(url, scale: scale)
    }
}
