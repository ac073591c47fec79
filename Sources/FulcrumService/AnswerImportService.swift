import Foundation
import FulcrumEval
import FulcrumStore
import FulcrumSuites

/// Brings answers made by other tools (JSONL or CSV) into a named run, to judge and report like
/// Fulcrum's own: every line is checked against the suite first, and nothing is stored if one is bad.
public enum AnswerImportService {
    /// `headerLine`: the file line a CSV's header is on (spreadsheet exports often start with a title).
    public static func importAnswers(from file: URL, runName: String, suite suiteReference: String = "starter",
                                     headerLine: Int = 1, into store: any ResultStore) async throws -> ResponseImport.Outcome {
        let suite = try SuiteCatalog.load(suiteReference)
        let answers = try ResponseImport.read(file, suite: suite, headerLine: headerLine)
        return try await ResponseImport.store(answers, file: file.path, runName: runName, suite: suite,
                                              suiteReference: suiteReference, into: store)
    }
}
