import ArgumentParser
import Foundation
import FulcrumIncidents

struct IncidentsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark: import N synthetic incidents and time a fixed set of searches (p50/p95).",
        discussion: """
        Run through scripts/bench-incidents.sh (release build). Goals: import of 100,000 incidents
        under 10 s, p95 search latency under 10 ms.

        Example:
          fulcrum incidents bench --count 100000 --directory /tmp/fulcrum-bench
        """
    )

    @Option(help: "Number of synthetic incidents.")
    var count = 100_000
    @Option(help: "Repetitions per query.")
    var repetitions = 30
    @Option(help: "Scratch folder for the synthetic file and database.")
    var directory: String = NSTemporaryDirectory() + "fulcrum-incidents-bench"
    @Option(help: "Output format: table or json.")
    var format: IncidentOutputFormat = .table

    func run() throws {
        let result = try reportingErrors {
            try IncidentBenchmark(count: count, repetitions: repetitions).run(in: URL(fileURLWithPath: directory))
        }
        if format == .json { print(try JSONOutput.string(result)); return }
        print("synthetic incidents: \(result.incidents) (generated in \(String(format: "%.2f", result.generateSeconds)) s)")
        print("import (JSONL + mapping, FTS index, suggestions): \(String(format: "%.2f", result.importSeconds)) s wall, "
              + "\(String(format: "%.2f", result.importCPUSeconds)) s CPU  [goal < 10 s]")
        print("  read and map the file \(String(format: "%.2f", result.parseSeconds)) s, "
              + "database transaction \(String(format: "%.2f", result.storeSeconds)) s")
        print("re-import: \(String(format: "%.2f", result.reimportSeconds)) s, \(result.reimportChanges) changes")
        for q in result.queries {
            print("  \(fit(q.query, 62)) hits \(String(format: "%3d", q.hits))  p50 \(String(format: "%6.2f", q.p50Milliseconds)) ms  p95 \(String(format: "%6.2f", q.p95Milliseconds)) ms  (CPU p95 \(String(format: "%5.2f", q.cpuP95Milliseconds)) ms)")
        }
        print("all queries: wall p50 \(String(format: "%.2f", result.p50Milliseconds)) ms, p95 \(String(format: "%.2f", result.p95Milliseconds)) ms; "
              + "CPU p50 \(String(format: "%.2f", result.cpuP50Milliseconds)) ms, p95 \(String(format: "%.2f", result.cpuP95Milliseconds)) ms  [goal p95 < 10 ms]")
        print("(wall times include waiting for a CPU on a shared machine; CPU times are this process's own work)")
    }
}
