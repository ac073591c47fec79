import FulcrumCore
import FulcrumProviders
import Foundation
import Testing

/// The `fulcrum-test-server` executable (used by the runner's crash test and benchmark) prints
/// its port and serves the OpenAI format with faults, as a separate process.
@Suite struct TestServerExecutableTests {
    /// `swift build --build-tests` puts every product beside the test bundle.
    static var executable: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDirectory, bundleDirectory.deletingLastPathComponent()]
        for directory in candidates {
            let url = directory.appendingPathComponent("fulcrum-test-server")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        // Fall back on the package's own .build directory, found from this file's path.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/fulcrum-test-server")
    }

    @Test func printsItsPortAndAnswersWithInjectedFaults() async throws {
        let path = Self.executable.path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build it first: swift build --build-tests (looked for \(path))")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--latency-ms", "50"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let line = try #require(Self.firstLine(of: output.fileHandleForReading))
        #expect(line.hasPrefix("listening on 127.0.0.1:"))
        let port = try #require(Int(line.dropFirst("listening on 127.0.0.1:".count)))

        try await ProviderClient.withClient { client in
            let model = try ModelFactory(client: client).makeModel("local/test", baseURL: "http://127.0.0.1:\(port)/v1")
            let reply = try await model.complete(userRequest("from another process"))
            #expect(reply.text == "Echo: from another process")
            let error = await chatError { try await model.complete(userRequest("again [[fault:503]]")) }
            #expect((error as? ChatError)?.cause == "server-error")
        }
    }

    @Test func rejectsABadArgumentWithUsage() throws {
        let path = Self.executable.path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build it first: swift build --build-tests (looked for \(path))")
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--latency-ms", "soon"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("--latency-ms needs a whole number"))
    }

    /// Reads up to the first newline (the server keeps the pipe open while it runs).
    static func firstLine(of handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while bytes.count < 200 {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { break }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
