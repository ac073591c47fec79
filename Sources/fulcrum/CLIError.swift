import ArgumentParser
import Foundation

/// Prints a library error as one clear message on standard error and exits non-zero.
/// Library errors carry file, line and item in their description; `CLIMessages` adds the flags and
/// commands that fix them.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CustomStringConvertible & Error {
        printError("error: \(CLIMessages.describe(error))")
        throw ExitCode(1)
    }
}

func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CustomStringConvertible & Error {
        printError("error: \(CLIMessages.describe(error))")
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
