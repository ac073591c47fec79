import ArgumentParser
import Foundation
import FulcrumEval
import FulcrumProviders
import FulcrumService
import FulcrumStore
import Logging

/// `fulcrum worker`: one of any number of processes serving a shared database's queue.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve the database's queue: claim plan rows of unfinished runs, call the models, store the answers.",
        discussion: """
        Start any number of workers, on any machines that reach the database. Each claims rows under \
        a lease that a heartbeat renews; a worker that dies has its rows handed to the others when \
        the lease runs out, and every row ends with exactly one answer. Per-model concurrency limits \
        (the run's --per-model-concurrency) hold for the whole fleet, and a 429 slows every worker. \
        API keys come from each worker's environment.

        Examples:
          fulcrum run --suite gvs.jsonl --model openai/gpt-4o --db postgres://fulcrum@db/fulcrum --detach
          fulcrum worker --db postgres://fulcrum@db/fulcrum --concurrency 25
          fulcrum worker --exit-when-idle --lease 20      # a batch job: stop once every row is done
        """
    )

    @Option(help: "Rows in flight at once in this worker.") var concurrency = 8
    @Option(help: "Seconds a claimed row stays this worker's without a heartbeat (renewed every third of it).") var lease = 30.0
    @Option(help: "Serve only this run.") var run: String?
    @Flag(name: .customLong("exit-when-idle"), help: "Exit once every plan row is finished (rows of a dead worker count until redone).")
    var exitWhenIdle = false
    @Option(help: "Seconds before a model request is abandoned (and retried).") var timeout = 120.0
    @Option(help: "Retries per request on rate limits, server errors, timeouts and connection errors.") var retries = 4
    @Flag(name: .customLong("no-cache"), help: "Call the model even when an identical request has a stored answer.") var noCache = false
    @Option(name: .customLong("base-url"), help: "API base URL for the models, overriding the runs' own.") var baseURL: String?
    @Option(help: "Name of this worker in leases and `runs show` (default: the host name).") var name: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let store = try await store.open()
        var options = Worker.Options()
        options.concurrency = concurrency
        options.lease = .milliseconds(Int64(lease * 1000))
        options.runID = run
        options.exitWhenIdle = exitWhenIdle
        options.timeoutSeconds = timeout
        options.retries = retries
        options.useCache = !noCache
        options.baseURL = baseURL
        options.name = name
        let worker = Worker(store: store, options: options)
        printError("worker \(worker.identity) serving \(store.location)\(run.map { " (run \($0))" } ?? "")")
        let progress = RunProgress(total: 0)
        try await reportingErrors {
            try await ProviderClient.withClient(maximumConnectionsPerHost: max(concurrency, 8)) { client in
                try await worker.serve(client: client, environment: ProcessInfo.processInfo.environment, progress: progress)
            }
        }
        let done = await progress.snapshot()
        print("worker \(worker.identity): \(done.done) rows stored (\(done.failed) failed, \(done.cacheHits) from cache), \(done.calls) model calls")
        try? await store.close()
    }
}
