import Foundation
import FulcrumCore
import FulcrumStore

/// Finds the suite a stored run was made from, so judges see each item's evaluation focus and reports
/// know its category. A suite whose content changed since the run is refused rather than misapplied.
public enum RunSuite {
    public static func load(run: RunRecord, override: String? = nil, loadSuite: (String) throws -> Suite) throws -> Suite {
        let reference = try override ?? JSONDecoder().decode(RunConfiguration.self, from: Data(run.configJSON.utf8)).suite
        let suite = try loadSuite(reference)
        guard suite.contentHash == run.suiteHash else { throw PlanError.suiteChanged(runID: run.id, suite: reference) }
        return suite
    }
}
