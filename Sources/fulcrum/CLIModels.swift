import FulcrumCore
import FulcrumEval

/// Where the CLI gets model clients and the native judge. Wired to FulcrumProviders and FulcrumValues.
enum CLIModels {
    @Sendable static func make(_ spec: String) throws -> any ChatModel {
        throw CLIUsageError("model providers are not available in this build (spec '\(spec)')")
    }

    static let makeNativeJudge: (@Sendable () throws -> any Judge)? = nil
}
