// A fault-injecting chat server for manual checks and benchmarks (see FaultServer and Fault).
//   fulcrum-test-server [--port N] [--latency-ms MS]
// Prints `listening on 127.0.0.1:PORT` once bound, then serves until killed.
import FulcrumTestSupport
import Foundation

func usage(_ problem: String) -> Never {
    FileHandle.standardError.write(Data("fulcrum-test-server: \(problem)\nusage: fulcrum-test-server [--port N] [--latency-ms MS]\n".utf8))
    exit(2)
}

var configuration = FaultServer.Configuration()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port":
        guard let value = arguments.popFirst(), let port = Int(value), (0...65535).contains(port) else { usage("--port needs a number 0…65535") }
        configuration.port = port
    case "--latency-ms":
        guard let value = arguments.popFirst(), let ms = Int(value), ms >= 0 else { usage("--latency-ms needs a whole number ≥ 0") }
        configuration.latency = .milliseconds(ms)
    case "-h", "--help":
        print("usage: fulcrum-test-server [--port N] [--latency-ms MS]")
        exit(0)
    default:
        usage("unknown argument '\(argument)'")
    }
}

do {
    let server = try await FaultServer.start(configuration)
    // Written unbuffered, so a parent process reading the pipe sees the port at once.
    FileHandle.standardOutput.write(Data("listening on \(server.host):\(server.port)\n".utf8))
    try await server.waitUntilClosed()
} catch {
    FileHandle.standardError.write(Data("fulcrum-test-server: \(error)\n".utf8))
    exit(1)
}
