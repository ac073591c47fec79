/// Why a run could not be planned or started, with what to do about it.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCategory(String)
    case unknownLayer(String)
    case unknownItem(String, suite: String)
    case noModels
    case invalidSetting(String)
    case emptyPlan(String)
    case suiteChanged(runID: String, suite: String)
    case config(path: String, problem: String)

    public var description: String {
        switch self {
        case .unknownCategory(let ref): "no GVS-Scale category '\(ref)' (see `fulcrum taxonomy` for ids and names)"
        case .unknownLayer(let ref): "no GVS-Scale layer '\(ref)' (see `fulcrum taxonomy`)"
        case .unknownItem(let id, let suite): "no item '\(id)' in suite '\(suite)' (see `fulcrum suite list`)"
        case .noModels: "no model to run: give one with --model SPEC (e.g. --model local/gemma-3-270m)"
        case .invalidSetting(let why): why
        case .emptyPlan(let why): "nothing to run: \(why)"
        case .suiteChanged(let runID, let suite):
            "suite '\(suite)' changed since run \(runID) was started; resuming would mix answers to different prompts (start a new run instead)"
        case .config(let path, let problem): "\(path): \(problem)"
        }
    }
}
