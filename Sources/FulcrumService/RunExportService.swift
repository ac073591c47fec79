import Foundation
import FulcrumEval
import FulcrumStore

/// A stored run's rows and answers as JSON Lines or CSV, one plan row per line, in plan order.
public enum RunExportService {
    public static func export(runID: String, format: RunExport.Format, from store: any ResultStore) async throws -> Data {
        _ = try await store.existingRun(runID)
        return try RunExport.render(RunExport.lines(runID: runID, results: try await store.results(runID: runID)), format: format)
    }
}
