import Foundation

/// Runs child processes from async tests without blocking Swift concurrency's cooperative threads:
/// a 2-core machine has only two, and one test parked in `waitUntilExit()` or a pipe read stalls
/// every other test in the process, whose request timeouts then fire for no reason of their own.
public enum ChildProcess {
    /// What a finished child printed and how it ended.
    public struct Output: Sendable {
        public var status: Int32
        public var killedBySignal: Bool
        public var stdout: Data
        public var stderr: Data
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` to the end. Output goes to temporary files, so no full pipe can block the child.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           directory: URL? = nil) async throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        await exit(of: process)
        return Output(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                      stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }

    /// Suspends until `process` exits; the blocking wait happens on a thread of its own.
    public static func exit(of process: Process) async {
        let box = UncheckedProcess(process)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                box.process.waitUntilExit()
                done.resume()
            }.start()
        }
    }
}

/// `Process` is thread-safe for waiting but not marked Sendable on every platform.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}
