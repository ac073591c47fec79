/// Why a run could not be planned or started, in the domain's words: a REST client shows these as
/// they are, and the CLI adds its flag and command hints (see the CLI's `CLIMessages`).
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCategory(String)
    case unknownLayer(String)
    case unknownItem(String, suite: String)
    case noModels
    /// A setting outside its allowed range: `setting` is `requirement` (e.g. "must be at least 1"), got `value`.
    case outOfRange(RunSetting, requirement: String, value: String)
    case invalidSetting(String)
    case emptyPlan(String)
    case suiteChanged(runID: String, suite: String)
    case config(path: String, problem: String)

    public var description: String {
        switch self {
        case .unknownCategory(let ref): "no GVS-Scale category '\(ref)'"
        case .unknownLayer(let ref): "no GVS-Scale layer '\(ref)'"
        case .unknownItem(let id, let suite): "no item '\(id)' in suite '\(suite)'"
        case .noModels: "no model to run: name at least one model (e.g. local/gemma-3-270m)"
        case .outOfRange(let setting, let requirement, let value): "\(setting.name) \(requirement) (got \(value))"
        case .invalidSetting(let why): why
        case .emptyPlan(let why): "nothing to run: \(why)"
        case .suiteChanged(let runID, let suite):
            "suite '\(suite)' changed since run \(runID) was started; resuming would mix answers to different prompts (start a new run instead)"
        case .config(let path, let problem): "\(path): \(problem)"
        }
    }
}

/// The run settings a user sets, so an error can name the one at fault in each front end's terms.
public enum RunSetting: String, Sendable, Equatable, CaseIterable {
    case samples, limit, concurrency, perModelConcurrency, timeout, retries, temperature, topP, maxTokens

    /// The setting's name in the domain (and in messages that are not the CLI's).
    public var name: String {
        switch self {
        case .perModelConcurrency: "per-model concurrency"
        case .topP: "top_p"
        case .maxTokens: "max tokens"
        default: rawValue
        }
    }
}
