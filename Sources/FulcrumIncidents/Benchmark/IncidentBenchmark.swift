import Foundation
import FulcrumCore

/// Import-and-search benchmark on synthetic incidents (run by scripts/bench-incidents.sh through
/// `fulcrum incidents bench`). Timing lives here, never in tests.
public struct IncidentBenchmark: Sendable {
    public struct Result: Codable, Sendable {
        public var incidents: Int
        public var generateSeconds: Double
        /// Parse of the JSONL file through a column mapping plus the database transaction,
        /// including FTS indexing and machine suggestions.
        public var importSeconds: Double
        /// CPU time of the process during the import (the machine is shared; wall time includes waiting).
        public var importCPUSeconds: Double
        /// The two parts of `importSeconds`: reading the file into incidents, and the database
        /// transaction (rows, full-text index, machine suggestions).
        public var parseSeconds: Double
        public var storeSeconds: Double
        public var reimportSeconds: Double
        public var reimportChanges: Int
        public var queries: [QueryTiming]
        /// Searches as a new query: the phrases' document counts not yet cached (the page cache is warm).
        public var p50Milliseconds: Double
        public var p95Milliseconds: Double
        public var cpuP50Milliseconds: Double
        public var cpuP95Milliseconds: Double
        /// The same searches repeated: document counts cached since the last change (see `RankingContext`).
        public var repeatedP50Milliseconds: Double
        public var repeatedP95Milliseconds: Double
    }

    public struct QueryTiming: Codable, Sendable {
        public var query: String
        public var hits: Int
        public var p50Milliseconds: Double
        public var p95Milliseconds: Double
        public var cpuP95Milliseconds: Double
        public var repeatedP50Milliseconds: Double
        public var repeatedP95Milliseconds: Double
    }

    /// The fixed query set: common, rare, multi-word, filtered and no-hit queries.
    public static let queries: [IncidentQuery] = [
        IncidentQuery(text: "deepfake"),
        IncidentQuery(text: "voice clone"),
        IncidentQuery(text: "chatbot hallucination"),
        IncidentQuery(text: "facial recognition bias"),
        IncidentQuery(text: "autonomous vehicle crash"),
        IncidentQuery(text: "privacy leak"),
        IncidentQuery(text: "election"),
        IncidentQuery(text: "medical advice", since: "2022"),
        IncidentQuery(text: "deepfake", category: "integrity.disinformation-fraud"),
        IncidentQuery(text: "the"),
        IncidentQuery(text: "qzxv"),
        IncidentQuery(text: "scam OR fraud", ftsSyntax: true),
    ]

    public var count: Int
    public var repetitions: Int
    public var seed: UInt64

    public init(count: Int = 100_000, repetitions: Int = 30, seed: UInt64 = 7) {
        self.count = count
        self.repetitions = repetitions
        self.seed = seed
    }

    public func run(in directory: URL) throws -> Result {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("synthetic.jsonl")
        let dbPath = directory.appendingPathComponent("bench.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
        let t0 = Date()
        try SyntheticIncidents(seed: seed).write(count: count, to: file)
        let generate = Date().timeIntervalSince(t0)
        let mapping = ColumnMapping(origin: "synthetic", columns: .init(
            id: "id", title: "title", date: "date", description: "description", deployers: "deployer",
            developers: "developer", systems: "system", modality: "modality"))
        let store = try IncidentStore(path: dbPath)
        let t1 = Date()
        let c1 = Self.cpuSeconds()
        let batch = try MappedImporter(file: file, mapping: mapping).parse()
        let parseSeconds = Date().timeIntervalSince(t1)
        let summary = try store.apply(batch, suggester: .builtIn)
        let importSeconds = Date().timeIntervalSince(t1)
        let importCPU = Self.cpuSeconds() - c1
        precondition(summary.inserted == count, "benchmark import lost rows: \(summary.text)")
        let t2 = Date()
        let again = try MappedImporter(file: file, mapping: mapping).run(into: store)
        let reimport = Date().timeIntervalSince(t2)

        var all: [Double] = [], allCPU: [Double] = [], allRepeated: [Double] = []
        var timings: [QueryTiming] = []
        for query in Self.queries {
            var hits = try store.search(query).count   // warm-up (statement cache, page cache)
            // Timed `repetitions` times as a new query, then `repetitions` times repeated.
            var samples: [Double] = [], cpu: [Double] = [], repeated: [Double] = []
            for run in 0..<(2 * repetitions) {
                let asNew = run < repetitions
                if asNew { store.forgetDocumentCounts() }
                let cpuStart = Self.cpuSeconds()
                let start = DispatchTime.now().uptimeNanoseconds
                hits = try store.search(query).count
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                if asNew {
                    samples.append(elapsed)
                    cpu.append((Self.cpuSeconds() - cpuStart) * 1000)
                } else {
                    repeated.append(elapsed)
                }
            }
            samples.sort()
            cpu.sort()
            repeated.sort()
            all += samples
            allCPU += cpu
            allRepeated += repeated
            timings.append(QueryTiming(query: query.text + (query.category.map { " [category \($0)]" } ?? "")
                                           + (query.since.map { " [since \($0)]" } ?? ""),
                                       hits: hits, p50Milliseconds: Descriptive.quantile(samples, 0.5),
                                       p95Milliseconds: Descriptive.quantile(samples, 0.95),
                                       cpuP95Milliseconds: Descriptive.quantile(cpu, 0.95),
                                       repeatedP50Milliseconds: Descriptive.quantile(repeated, 0.5),
                                       repeatedP95Milliseconds: Descriptive.quantile(repeated, 0.95)))
        }
        all.sort()
        allCPU.sort()
        allRepeated.sort()
        return Result(incidents: count, generateSeconds: generate, importSeconds: importSeconds, importCPUSeconds: importCPU,
                      parseSeconds: parseSeconds, storeSeconds: importSeconds - parseSeconds,
                      reimportSeconds: reimport, reimportChanges: again.changes, queries: timings,
                      p50Milliseconds: Descriptive.quantile(all, 0.5), p95Milliseconds: Descriptive.quantile(all, 0.95),
                      cpuP50Milliseconds: Descriptive.quantile(allCPU, 0.5), cpuP95Milliseconds: Descriptive.quantile(allCPU, 0.95),
                      repeatedP50Milliseconds: Descriptive.quantile(allRepeated, 0.5),
                      repeatedP95Milliseconds: Descriptive.quantile(allRepeated, 0.95))
    }

    /// CPU seconds used by this process (all threads; GRDB runs SQL on its own queue).
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// Deterministic synthetic incidents: Zipf-distributed filler words plus domain phrases, so query
/// terms hit realistic numbers of documents (a few percent for common harms, none for nonsense).
struct SyntheticIncidents {
    var seed: UInt64

    static let phrases = [
        "deepfake video", "voice clone scam", "chatbot hallucination", "facial recognition bias",
        "autonomous vehicle crash", "privacy leak", "election disinformation", "medical advice error",
        "hiring algorithm discrimination", "content moderation failure", "copyright training data",
        "toxic language output", "fraud impersonation", "recommendation system harm", "surveillance misuse",
        "student essay detector", "credit scoring unfair", "translation error", "image generator stereotype",
        "self driving collision", "companion app dependence", "police predictive policing", "religious insult",
        "political bias answer", "fabricated legal citation", "phishing email generation", "robot injury",
    ]

    func write(count: Int, to url: URL) throws {
        var generator = SeededGenerator(seed: seed)
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fu", "go", "hi", "ja", "pe", "zo"]
        var vocabulary: [String] = ["the", "a", "of", "and", "system", "users", "reported", "company", "model", "after"]
        while vocabulary.count < 5000 {
            let n = 2 + generator.index(below: 3)
            vocabulary.append((0..<n).map { _ in syllables[generator.index(below: syllables.count)] }.joined())
        }
        // Zipf(1) sampling by inverse CDF over precomputed cumulative weights.
        var cumulative: [Double] = []
        var total = 0.0
        for rank in 1...vocabulary.count { total += 1 / Double(rank); cumulative.append(total) }
        func word(_ g: inout SeededGenerator) -> String {
            let u = Double(g.next() >> 11) / Double(1 << 53) * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
            return vocabulary[lo]
        }
        let modalities = ["text", "image", "video", "audio", ""]
        var out = ""
        out.reserveCapacity(count * 400)
        for i in 0..<count {
            let phrase = Self.phrases[generator.index(below: Self.phrases.count)]
            let other = Self.phrases[generator.index(below: Self.phrases.count)]
            let title = (0..<3).map { _ in word(&generator) }.joined(separator: " ") + " " + phrase
            var words = (0..<40).map { _ in word(&generator) }
            words.insert(contentsOf: phrase.split(separator: " ").map(String.init), at: generator.index(below: words.count))
            words.insert(contentsOf: other.split(separator: " ").map(String.init), at: generator.index(below: words.count))
            let year = 2010 + generator.index(below: 16)
            let month = 1 + generator.index(below: 12)
            let fields: [(String, String)] = [
                ("id", "S\(i + 1)"), ("title", title), ("description", words.joined(separator: " ")),
                ("date", String(format: "%04d-%02d-%02d", year, month, 1 + generator.index(below: 28))),
                ("deployer", "deployer-\(generator.index(below: 500))"), ("developer", "developer-\(generator.index(below: 200))"),
                ("system", "system-\(generator.index(below: 1000))"), ("modality", modalities[generator.index(below: modalities.count)]),
            ]
            // Hand-built JSON: JSONSerialization with sorted keys costs ~0.5 ms a line on Linux.
            out += "{" + fields.map { key, value in "\"\(key)\":" + String(StoredLists.encode([value]).dropFirst().dropLast()) }
                .joined(separator: ",") + "}\n"
        }
        try out.write(to: url, atomically: true, encoding: .utf8)
    }
}
