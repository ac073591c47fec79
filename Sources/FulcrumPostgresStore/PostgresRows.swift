import Foundation
import FulcrumCore
import FulcrumStore
import PostgresNIO

/// The domain records as PostgreSQL rows (snake_case columns; the SELECT lists fix their order).
enum PostgresRows {
    static let runColumns = "id, name, created, suite_name, suite_hash, config_json, fingerprint, status, suite_json"

    static func run(_ r: PostgresRandomAccessRow) throws -> RunRecord {
        RunRecord(id: try r[0].decode(String.self), name: try r[1].decode(String?.self), created: try r[2].decode(Date.self),
                  suiteName: try r[3].decode(String.self), suiteHash: try r[4].decode(String.self),
                  configJSON: try r[5].decode(String.self), fingerprint: try r[6].decode(String.self),
                  status: RunStatus(rawValue: try r[7].decode(String.self)) ?? .unfinished,
                  suiteJSON: try r[8].decode(String?.self))
    }

    /// Columns: id, run_id, item_id, model_spec, language, sample_index.
    static func planRow(_ r: PostgresRandomAccessRow) throws -> PlanRowRecord {
        PlanRowRecord(id: try r[0].decode(Int64.self), runID: try r[1].decode(String.self),
                      key: PlanKey(itemID: try r[2].decode(String.self), modelSpec: try r[3].decode(String.self),
                                   language: try r[4].decode(String.self), sampleIndex: try r[5].decode(Int.self)))
    }

    static func generationColumns(_ prefix: String) -> String {
        ["id", "plan_row_id", "request_hash", "messages_json", "response_text", "finish_reason", "input_tokens",
         "output_tokens", "latency_ms", "attempts", "error_cause", "error_message", "origin", "started_at", "finished_at"]
            .map { prefix + $0 }.joined(separator: ", ")
    }

    static let generationColumns = generationColumns("")

    static func generation(_ r: PostgresRandomAccessRow) throws -> GenerationRecord {
        GenerationRecord(id: try r[0].decode(Int64.self), planRowID: try r[1].decode(Int64.self),
                         requestHash: try r[2].decode(String?.self), messagesJSON: try r[3].decode(String.self),
                         responseText: try r[4].decode(String?.self), finishReason: try r[5].decode(String?.self),
                         inputTokens: try r[6].decode(Int?.self), outputTokens: try r[7].decode(Int?.self),
                         latencyMs: try r[8].decode(Int?.self), attempts: try r[9].decode(Int.self),
                         errorCause: try r[10].decode(String?.self), errorMessage: try r[11].decode(String?.self),
                         origin: GenerationOrigin(rawValue: try r[12].decode(String.self)) ?? .model,
                         startedAt: try r[13].decode(Date?.self), finishedAt: try r[14].decode(Date.self))
    }

    static func judgment(_ r: PostgresRandomAccessRow) throws -> JudgmentRecord {
        JudgmentRecord(id: try r[0].decode(Int64.self), generationID: try r[1].decode(Int64.self),
                       judge: try r[2].decode(String.self), repeatIndex: try r[3].decode(Int.self),
                       score: try r[4].decode(Double?.self),
                       parseStatus: JudgmentParseStatus(rawValue: try r[5].decode(String.self)) ?? .failed,
                       reason: try r[6].decode(String?.self), rawReply: try r[7].decode(String.self),
                       harmProbability: try r[8].decode(Double?.self), actionClass: try r[9].decode(Int?.self),
                       settingsJSON: try r[10].decode(String.self), created: try r[11].decode(Date.self))
    }
}

extension PostgresRows {
    static let judgeRequestColumns = "id, run_id, judge, recipe_json, repeats, requested_at"

    static func judgeRequest(_ r: PostgresRandomAccessRow) throws -> JudgeRequest {
        JudgeRequest(id: try r[0].decode(Int64.self), runID: try r[1].decode(String.self), judge: try r[2].decode(String.self),
                     recipeJSON: try r[3].decode(String.self), repeats: try r[4].decode(Int.self),
                     requestedAt: try r[5].decode(Date.self))
    }
}
