import Foundation
import FulcrumCore
import FulcrumStore

/// Writes a run's rows and answers as JSON Lines or CSV, one plan row per line, in plan order. The CSV
/// neutralises text a spreadsheet would run as a formula (see `CSVWriter`).
public enum RunExport {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    /// One exported row. Field names are the JSONL keys and the CSV header.
    public struct Line: Codable, Sendable, Hashable {
        public var run_id: String
        public var item_id: String
        public var model: String
        public var language: String
        public var sample: Int
        public var status: String
        public var response: String?
        public var finish_reason: String?
        public var input_tokens: Int?
        public var output_tokens: Int?
        public var latency_ms: Int?
        public var attempts: Int?
        public var origin: String?
        public var error_cause: String?
        public var error_message: String?
    }

    public static let columns = ["run_id", "item_id", "model", "language", "sample", "status", "response", "finish_reason",
                                 "input_tokens", "output_tokens", "latency_ms", "attempts", "origin", "error_cause", "error_message"]

    public static func lines(runID: String, results: [RunResult]) -> [Line] {
        results.map { r in
            let g = r.generation
            let status = g == nil ? "pending" : (g!.succeeded ? "answered" : "failed")
            return Line(run_id: runID, item_id: r.row.itemID, model: r.row.modelSpec, language: r.row.language,
                        sample: r.row.sampleIndex, status: status, response: g?.responseText, finish_reason: g?.finishReason,
                        input_tokens: g?.inputTokens, output_tokens: g?.outputTokens, latency_ms: g?.latencyMs,
                        attempts: g?.attempts, origin: g?.origin.rawValue, error_cause: g?.errorCause, error_message: g?.errorMessage)
        }
    }

    public static func render(_ lines: [Line], format: Format) throws -> Data {
        var out = Data()
        switch format {
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for line in lines {
                out.append(try encoder.encode(line))
                out.append(0x0A)
            }
        case .csv:
            out.append(Data(CSVWriter.row(columns).utf8))
            for l in lines {
                let values: [String] = [l.run_id, l.item_id, l.model, l.language, String(l.sample), l.status, l.response ?? "",
                                        l.finish_reason ?? "", l.input_tokens.map(String.init) ?? "",
                                        l.output_tokens.map(String.init) ?? "", l.latency_ms.map(String.init) ?? "",
                                        l.attempts.map(String.init) ?? "", l.origin ?? "", l.error_cause ?? "", l.error_message ?? ""]
                out.append(Data(CSVWriter.row(values).utf8))
            }
        }
        return out
    }
}
