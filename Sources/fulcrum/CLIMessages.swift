import FulcrumEval
import FulcrumService
import FulcrumStore

/// Library errors speak of the domain (a REST client shows them as they are); on the command line
/// the same error also names the flag or command that fixes it.
enum CLIMessages {
    static func describe(_ error: any Error & CustomStringConvertible) -> String {
        switch error {
        case let error as PlanError: describe(error)
        case let error as ServiceError: describe(error)
        case let error as StoreError: describe(error)
        default: error.description
        }
    }

    /// The flag that sets each run setting.
    static func flag(_ setting: RunSetting) -> String {
        switch setting {
        case .samples: "--samples"
        case .limit: "--limit"
        case .concurrency: "--concurrency"
        case .perModelConcurrency: "--per-model-concurrency"
        case .timeout: "--timeout"
        case .retries: "--retries"
        case .temperature: "--temperature"
        case .topP: "--top-p"
        case .maxTokens: "--max-tokens"
        }
    }

    static func describe(_ error: PlanError) -> String {
        switch error {
        case .unknownCategory: "\(error) (see `fulcrum taxonomy` for ids and names)"
        case .unknownLayer: "\(error) (see `fulcrum taxonomy`)"
        case .unknownItem: "\(error) (see `fulcrum suite list`)"
        case .noModels: "no model to run: give one with --model SPEC (e.g. --model local/gemma-3-270m)"
        case .outOfRange(let setting, let requirement, let value): "\(flag(setting)) \(requirement) (got \(value))"
        default: error.description
        }
    }

    static func describe(_ error: ServiceError) -> String {
        switch error {
        case .unknownRun: "\(error) (see `fulcrum runs list`)"
        case .noJudgedAnswers(let runID): "\(error): run `fulcrum judge \(runID)` first"
        case .neitherFileNorRun(_, _, let missing): missing ? error.description : "\(error) (see `fulcrum runs list`)"
        case .ambiguousModel(let runID, let models): "run \(runID) has models \(models.joined(separator: ", ")): name one with --model-a/--model-b"
        case .unknownCategory: "\(error) (see `fulcrum taxonomy`)"
        case .noGateThreshold: "give --min-score and/or --max-unsafe-rate"
        case .nothingToDraft: "\(error) (code some with `fulcrum incidents code`, or use --include-suggested)"
        case .judgeNotInRun(let runID, _, _): "\(error) (pass one of them with --judge, or judge the run with `fulcrum judge \(runID) --judge …`)"
        default: error.description
        }
    }

    static func describe(_ error: StoreError) -> String {
        switch error {
        case .unknownRun: "\(error) (see `fulcrum runs list`)"
        case .cannotOpen: "\(error) (choose another database with --db PATH or --db postgres://…)"
        default: error.description
        }
    }
}
