import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows a run's progress while it runs: a redrawn bar on standard error when that is a terminal,
/// otherwise a swift-log line every `logInterval` (so CI logs stay readable).
public struct ProgressDisplay: Sendable {
    public enum Mode: Sendable { case bar, log, silent }

    public var mode: Mode
    public var logInterval: Duration
    public var logger: Logger

    public init(mode: Mode? = nil, logInterval: Duration = .seconds(10), logger: Logger = Logger(label: "fulcrum.run")) {
        self.mode = mode ?? (isatty(STDERR_FILENO) == 1 ? .bar : .log)
        self.logInterval = logInterval
        self.logger = logger
    }

    /// Runs `body` while showing `progress`; the display stops when `body` returns or throws.
    public func showing<T: Sendable>(_ progress: RunProgress, _ body: () async throws -> T) async rethrows -> T {
        guard mode != .silent else { return try await body() }
        let display = Task {
            let interval: Duration = mode == .bar ? .milliseconds(250) : logInterval
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                draw(await progress.snapshot())
            }
        }
        defer { display.cancel() }
        let result = try await body()
        display.cancel()
        _ = await display.value
        let final = await progress.snapshot()
        if mode == .bar {
            FileHandle.standardError.write(Data(("\r" + final.bar() + "\n").utf8))
        }
        return result
    }

    private func draw(_ snapshot: ProgressSnapshot) {
        switch mode {
        case .bar: FileHandle.standardError.write(Data(("\r" + snapshot.bar()).utf8))
        case .log: logger.info("\(snapshot.bar())")
        case .silent: break
        }
    }
}
