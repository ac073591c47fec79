import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumIncidents
import FulcrumProviders

/// What to draft suite items from.
public struct IncidentDraftRequest: Sendable {
    /// Where the validated suite file is written (only when some draft was made).
    public var output: URL
    public var includeSuggested: Bool
    /// Only these incidents (nil: all).
    public var incidentIDs: [String]?
    public var limit: Int?
    /// The model that writes the drafts; nil: the environment's configured one, if any.
    public var model: String?
    public var baseURL: String?
    /// Fill the fixed template even when a model is configured.
    public var templateOnly: Bool

    public init(output: URL, includeSuggested: Bool = false, incidentIDs: [String]? = nil, limit: Int? = nil, model: String? = nil,
                baseURL: String? = nil, templateOnly: Bool = false) {
        self.output = output
        self.includeSuggested = includeSuggested
        self.incidentIDs = incidentIDs
        self.limit = limit
        self.model = model
        self.baseURL = baseURL
        self.templateOnly = templateOnly
    }
}

/// What drafting made: the drafts written (if any), those it could not make, and who drafted.
public struct IncidentDraftResult: Sendable {
    public var outcome: DraftOutcome
    /// `template`, or the drafting model's spec.
    public var drafter: String
    /// The suite as written, nil when no draft was made.
    public var written: Suite?
}

/// Turns coded incidents into draft suite items. An LLM drafts when one is named or configured
/// (`DefaultModel.configured`), else the fixed template does; a draft the model could not make is
/// listed, never filled from the template.
public struct IncidentDraftService: Sendable {
    public var store: IncidentStore
    public var scale: GVSScale
    public var environment: [String: String]
    /// The HTTP client for the drafting model, asked for only when a model drafts.
    public var client: @Sendable () -> ProviderClient

    public init(store: IncidentStore, scale: GVSScale = .builtIn, environment: [String: String] = ProcessInfo.processInfo.environment,
                client: @escaping @Sendable () -> ProviderClient) {
        self.store = store
        self.scale = scale
        self.environment = environment
        self.client = client
    }

    public func draft(_ request: IncidentDraftRequest) async throws -> IncidentDraftResult {
        let drafter: any IncidentItemDrafter
        if !request.templateOnly, let spec = request.model ?? DefaultModel.configured(environment: environment) {
            // Drafting a long item is slower than answering a short prompt: a generous timeout.
            let factory = ModelFactory(client: client(), environment: environment, timeout: .seconds(300))
            drafter = ChatModelDrafter(model: try factory.makeModel(spec, baseURL: request.baseURL))
        } else {
            drafter = TemplateDrafter()
        }
        let generator = DraftItems(drafter: drafter, scale: scale, includeSuggested: request.includeSuggested, limit: request.limit)
        let outcome = try await generator.generate(store: store, incidentIDs: request.incidentIDs)
        guard !outcome.items.isEmpty || !outcome.failures.isEmpty else { throw ServiceError.nothingToDraft }
        let written = outcome.items.isEmpty ? nil : try DraftItems.write(outcome.items, to: request.output, scale: scale)
        return IncidentDraftResult(outcome: outcome, drafter: drafter.name, written: written)
    }
}
