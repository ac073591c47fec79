import Foundation
import FulcrumPostgresStore
import FulcrumStore
import FulcrumTestSupport
import Testing

/// Every result command on a PostgreSQL database, as a user runs them, against the fault server:
/// run, judge, report, compare, gate, export, values, align, runs show, and `db copy` from SQLite
/// (twice: the second copy changes nothing, and the copied run reports exactly as the original).
@Suite(.serialized) struct PostgresCommandTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func urlText(_ url: PostgresURL) -> String {
        "postgres://\(url.user):\(url.password ?? "")@\(url.host):\(url.port)/\(url.database)"
    }

    @Test func everyResultCommandWorksOnPostgreSQL() async throws {
        guard let url = try await PostgresResultStore.scratchDatabaseForTests() else { return }
        let password = try #require(url.password)
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        // The database from the environment, as a team would set it: no --db on the command line.
        var environment = ProcessInfo.processInfo.environment
        environment["FULCRUM_DATABASE_URL"] = urlText(url)
        environment["OPENAI_API_KEY"] = "sk-fake-for-the-fault-server"
        var outputs: [String] = []
        func fulcrum(_ arguments: [String]) async throws -> CLIResult {
            let result = try await CLI.run(arguments, environment: environment)
            outputs += [result.stdout, result.stderr]
            return result
        }

        let ran = try await fulcrum(["run", "--suite", "starter", "--model", "openai/fault-model", "--base-url", server.openAIBaseURL,
                                     "--limit", "6", "--language", "both", "--max-tokens", "16"])
        #expect(ran.status == 0, "\(ran.stderr)")
        let list = try await fulcrum(["runs", "list", "--format", "json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let run = try #require(runs.first?["run"] as? String)
        #expect(try await fulcrum(["judge", run, "--judge", "native"]).stdout.contains("judged 12 answers"))
        let report = try await fulcrum(["report", run, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect((json["models"] as? [[String: Any]])?.count == 1)
        #expect(try await fulcrum(["gate", run, "--min-score", "0", "--max-unsafe-rate", "1"]).status == 0)
        let export = try await fulcrum(["runs", "export", run, "--format", "jsonl"])
        #expect(export.stdout.split(separator: "\n").count == 12)
        #expect(try await fulcrum(["values", "score", run]).stdout.split(separator: "\n").count == 12)
        #expect(try await fulcrum(["align", "score", "--target", "uk", run]).status == 0)
        let show = try await fulcrum(["runs", "show", run])
        #expect(show.stdout.contains("db postgres://\(url.user):***@\(url.host):\(url.port)/\(url.database)"), "\(show.stdout)")
        #expect(show.stdout.contains("12 answered"))

        // History from a laptop's SQLite file moves to the team database, once.
        let sqlite = dir.appendingPathComponent("laptop.sqlite").path
        let local = try await fulcrum(["run", "--suite", "starter", "--model", "openai/fault-model", "--base-url", server.openAIBaseURL,
                                       "--limit", "4", "--max-tokens", "16", "--db", sqlite])
        #expect(local.status == 0, "\(local.stderr)")
        let localRun = try #require(try JSONSerialization.jsonObject(with: Data(try await fulcrum(["runs", "list", "--format", "json", "--db", sqlite]).stdout.utf8)) as? [[String: Any]]).first?["run"] as? String
        let localID = try #require(localRun)
        #expect(try await fulcrum(["judge", localID, "--judge", "native", "--db", sqlite]).status == 0)
        let first = try await fulcrum(["db", "copy", "--from", sqlite, "--to", urlText(url)])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 runs (1 new), 4 plan rows, 4 answers, 4 judgments"), "\(first.stdout)")
        let second = try await fulcrum(["db", "copy", "--from", sqlite, "--to", urlText(url)])
        #expect(second.stdout.contains("nothing to change"), "\(second.stdout)")
        let fromSQLite = try await fulcrum(["report", localID, "--format", "json", "--db", sqlite])
        let fromPostgres = try await fulcrum(["report", localID, "--format", "json"])
        #expect(fromPostgres.status == 0, "\(fromPostgres.stderr)")
        // The same document but for the moment it was made.
        func document(_ text: String) throws -> NSDictionary {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object.removeValue(forKey: "generatedAt") != nil)
            return object as NSDictionary
        }
        #expect(try document(fromSQLite.stdout) == document(fromPostgres.stdout), "the copied run reports as the original")
        let compare = try await fulcrum(["compare", run, localID])
        #expect(compare.status == 0, "\(compare.stderr)")

        // A wrong password is a clear error that shows no password.
        var wrong = url
        wrong.password = "not-the-password-9d2"
        let refused = try await fulcrum(["runs", "list", "--db", urlText(wrong)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot open the result database postgres://\(url.user):***@"), "\(refused.stderr)")
        // The password appears in nothing any command printed.
        for text in outputs {
            #expect(!text.contains(password))
            #expect(!text.contains("not-the-password-9d2"))
        }
    }
}
