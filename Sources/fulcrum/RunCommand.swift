import ArgumentParser
import Foundation
import FulcrumCore
import FulcrumEval
import FulcrumService
import Logging

/// `fulcrum run`: send a suite's items to models and store every answer.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a suite against one or more models, storing every answer (resumable).",
        discussion: """
        Plans items × models × languages × samples, then calls the models with bounded concurrency, \
        retrying rate limits and server errors. Each answer is stored as it arrives; running the same \
        command again (or --resume RUN_ID) executes only what is missing, and identical requests reuse \
        stored answers unless --no-cache. With no --model and no API key in the environment, the local \
        model (`scripts/local-model.sh start`) is used.

        Examples:
          fulcrum run --suite starter --limit 5 --max-tokens 64
          fulcrum run --suite starter --model openai/gpt-4o \\
              --model anthropic/claude-sonnet-4-5 --language both
          fulcrum run --suite gvs.jsonl --model openai/qwen-max \\
              --base-url https://dashscope.example/v1 \\
              --language reference --zh-model openai/qwen-max --dry-run
          fulcrum run --config run.yaml --concurrency 32
          fulcrum run --resume 20261123-105933-3f9a1c
        """
    )

    @Option(help: "Suite: 'starter' or a suite file (JSONL).") var suite: String?
    @Option(name: .customLong("model"), help: "Model spec, e.g. openai/gpt-4o, anthropic/claude-…, ollama/llama3, local/gemma-3-270m (repeatable).")
    var models: [String] = []
    @Option(help: "Prompt language: en, zh, both, or reference (GVS-Bench: Chinese-developed models in zh, others en).")
    var language: LanguageChoice?
    @Option(name: .customLong("zh-model"), help: "Mark a model spec as Chinese-developed for --language reference (repeatable).")
    var zhModels: [String] = []
    @Option(help: "Samples per prompt.") var samples: Int?
    @Option(help: "At most this many items (after filters).") var limit: Int?
    @Option(name: .customLong("category"), help: "Only this GVS-Scale category (id, name or id suffix; repeatable).") var categories: [String] = []
    @Option(name: .customLong("layer"), help: "Only this layer (repeatable).") var layers: [String] = []
    @Option(name: .customLong("modality"), help: "Only this modality: text, image, video, audio (repeatable).") var modalities: [Modality] = []
    @Option(name: .customLong("item"), help: "Only this item id (repeatable).") var items: [String] = []
    @Option(help: "Sampling temperature.") var temperature: Double?
    @Option(name: .customLong("top-p"), help: "Nucleus sampling top_p.") var topP: Double?
    @Option(name: .customLong("max-tokens"), help: "Maximum tokens per answer.") var maxTokens: Int?
    @Option(help: "Sampling seed (where the provider supports it).") var seed: Int?
    @Option(help: "System prompt.") var system: String?
    @Option(help: "Requests in flight at once, over all models.") var concurrency: Int?
    @Option(name: .customLong("per-model-concurrency"), help: "Requests in flight at once per model (shrinks while it answers 429).")
    var perModelConcurrency: Int?
    @Option(help: "Seconds before a request is abandoned (and retried).") var timeout: Double?
    @Option(help: "Retries per request on rate limits, server errors, timeouts and connection errors.") var retries: Int?
    @Flag(name: .customLong("no-cache"), help: "Call the model even when an identical request has a stored answer.") var noCache = false
    @Flag(name: .customLong("dry-run"), help: "Print the plan and the number of calls; call nothing, store nothing.") var dryRun = false
    @Option(help: "YAML run configuration; flags override it.") var config: String?
    @Option(help: "Continue this run (see `fulcrum runs list`).") var resume: String?
    @Option(name: .customLong("base-url"), help: "API base URL for the models (an OpenAI-compatible server, say).") var baseURL: String?
    @Flag(help: "Only plan the run (store it with its suite); `fulcrum worker` processes execute it.") var detach = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let display = ProgressDisplay()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = display.mode == .bar ? .warning : .info
            return handler
        }
        try await reportingErrors {
            let completed = try RunService.complete(try makeRequest(), environment: environment)
            if let local = completed.defaultedModel {
                printError("note: no --model given and no API key set; using the local model \(local) (start it with scripts/local-model.sh start)")
            }
            let request = completed.request
            if dryRun {
                printPlan(try RunService.preview(request.configuration), configuration: request.configuration)
                return
            }
            let store = try await store.open()
            let service = RunService(store: store, environment: environment)
            if detach {
                let prepared = try await service.plan(request)
                print(prepared.record.id)
                printError("run \(prepared.record.id) planned: \(prepared.pending.count) of \(prepared.totalRows) rows to do, db \(store.location); start workers with `fulcrum worker --db …`")
                return
            }
            let summary = try await service.start(request, display: display) { prepared in
                printError("run \(prepared.record.id) (\(prepared.resumed ? "resumed" : "new")): \(prepared.pending.count) of \(prepared.totalRows) rows to do, db \(store.location)")
                for note in prepared.plan.skipped.prefix(5) { printError("note: skipped \(note)") }
            }
            print(summary.description)
            if summary.isIncomplete { print("  run `fulcrum run --resume \(summary.runID)` to retry what is missing") }
        }
    }

    /// Defaults, then the YAML file, then flags: pure parsing (defaults that depend on the
    /// environment and validation are `RunService.complete`'s). The flags are read as one more
    /// configuration file laid over the first, so both override in one place. The raw base URL
    /// (which may carry credentials) is kept apart: it is used to make clients and never stored.
    func makeRequest() throws -> RunRequest {
        var c = RunConfiguration()
        var rawBaseURL: String?
        if let config {
            let file = try RunConfigFile.load(config)
            c = file.applied(to: c)
            rawBaseURL = file.base_url
        }
        let flags = flagSettings
        c = flags.applied(to: c)
        rawBaseURL = flags.base_url ?? rawBaseURL
        return RunRequest(configuration: c, rawBaseURL: rawBaseURL, resumeRunID: resume)
    }

    /// The settings given as flags; a flag not given (or a repeatable one given no times) is nil.
    private var flagSettings: RunConfigFile {
        func given<T>(_ values: [T]) -> [T]? { values.isEmpty ? nil : values }
        var f = RunConfigFile()
        f.suite = suite
        f.models = given(models)
        f.language = language
        f.zh_models = given(zhModels)
        f.samples = samples
        f.limit = limit
        f.categories = given(categories)
        f.layers = given(layers)
        f.modalities = given(modalities)
        f.items = given(items)
        f.temperature = temperature
        f.top_p = topP
        f.max_tokens = maxTokens
        f.seed = seed
        f.system = system
        f.concurrency = concurrency
        f.per_model_concurrency = perModelConcurrency
        f.timeout = timeout
        f.retries = retries
        f.cache = noCache ? false : nil
        f.base_url = baseURL
        return f
    }

    func printPlan(_ preview: RunPreview, configuration c: RunConfiguration) {
        let (suite, plan) = (preview.suite, preview.plan)
        print("suite \(suite.name): \(plan.items.count) of \(suite.items.count) items selected")
        print("language \(c.language.rawValue), \(c.samples) sample(s) per prompt")
        for (model, calls) in plan.callsByModel() { print("  \(model): \(calls) calls") }
        print("total: \(plan.calls.count) calls (before cache and resume)")
        for note in plan.skipped { print("skipped: \(note)") }
    }
}

extension LanguageChoice: ExpressibleByArgument {}
