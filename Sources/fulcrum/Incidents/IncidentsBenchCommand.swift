import ArgumentParser
import Foundation
import FulcrumIncidents

struct IncidentsBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark: import N synthetic incidents and time a fixed set of searches (p50/p95).",
        discussion: """
        Run through scripts/bench-incidents.sh (release build). Goals: import of 100,000 incidents \
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

    private func ms(_ value: Double) -> String { String(format: "%5.2f ms", value) }

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
        print("searches, \(repetitions) runs each as a new query (phrase document counts not cached) / repeated (cached):")
        for q in result.queries {
            print("  \(fit(q.query, 52)) hits \(String(format: "%3d", q.hits))  p50 \(ms(q.p50Milliseconds))  p95 \(ms(q.p95Milliseconds))"
                  + "  (CPU p95 \(ms(q.cpuP95Milliseconds)))  repeated p50 \(ms(q.repeatedP50Milliseconds))  p95 \(ms(q.repeatedP95Milliseconds))")
        }
        print("all queries as new: wall p50 \(ms(result.p50Milliseconds)), p95 \(ms(result.p95Milliseconds)); "
              + "CPU p50 \(ms(result.cpuP50Milliseconds)), p95 \(ms(result.cpuP95Milliseconds))  [goal p95 < 10 ms]")
        print("all queries repeated: wall p50 \(ms(result.repeatedP50Milliseconds)), p95 \(ms(result.repeatedP95Milliseconds))")
        print("(wall times include waiting for a CPU on a shared machine; CPU times are this process's own work)")
    }
}
