import Foundation
import FulcrumTestSupport

/// Runs the built `fulcrum` executable as a user would and captures what it prints.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The executable sits beside the test bundle in the build folder.
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("fulcrum"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fulcrum"),
            SharedData.packageRoot.appendingPathComponent(".build/debug/fulcrum"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) async throws -> CLIResult {
        let output = try await ChildProcess.run(executable, arguments, environment: environment, directory: directory)
        return CLIResult(status: output.status, stdout: output.stdoutText, stderr: output.stderrText)
    }
}
