import Foundation
import Testing

/// The `fulcrum incidents` commands as a user runs them, on the real AIID snapshot: import and
/// re-import, search, coding and consensus, agreement of the CSETv1 annotators, statistics,
/// exports, drafts; bad rows reported with file and line.
@Suite struct IncidentsCommandTests {
    static let aiid = SharedData.url("incidents/aiid").path

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("incidents-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func realAIIDFromImportToExport() async throws {
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("i.sqlite").path]
        let first = try await CLI.run(["incidents", "import", "aiid", Self.aiid] + db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("incidents.csv: 989 records, 989 accepted, 0 skipped"))
        #expect(first.stdout.contains("incidents: 989 new, 0 updated, 0 unchanged"))
        let again = try await CLI.run(["incidents", "import", "aiid", Self.aiid] + db)
        #expect(again.stdout.contains("0 new, 0 updated, 989 unchanged") && again.stdout.contains("total changes: 0"))

        let search = try await CLI.run(["incidents", "search", "voice deepfake", "--limit", "5", "--format", "json"] + db)
        #expect(search.status == 0, "\(search.stderr)")
        let hits = try #require(try Self.json(search.stdout) as? [[String: Any]])
        #expect(hits.count == 5)
        #expect(hits.contains { $0["incidentID"] as? String == "aiid:564" }, "the bank voice-deepfake incident ranks in the top five")
        #expect(hits.allSatisfy { ($0["snippet"] as? String)?.lowercased().contains("[voice]") == true || ($0["snippet"] as? String)?.lowercased().contains("[deepfake]") == true })
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >), "best first")
        let badSyntax = try await CLI.run(["incidents", "search", "NEAR(", "--syntax"] + db)
        #expect(badSyntax.status == 1 && badSyntax.stderr.contains("cannot search for 'NEAR('"))

        for (coder, category, severity) in [("alice", "integrity.disinformation-fraud", "4"), ("bob", "baseline.cybercrime-illegal-info", "2")] {
            let code = try await CLI.run(["incidents", "code", "aiid:564", "--category", category, "--lifecycle", "deployment",
                                          "--severity", severity, "--coder", coder, "--rationale", "<b>test</b> & check"] + db)
            #expect(code.status == 0, "\(code.stderr)")
        }
        let unknown = try await CLI.run(["incidents", "code", "aiid:999999", "--category", "integrity.disinformation-fraud", "--coder", "x"] + db)
        #expect(unknown.status == 1 && unknown.stderr.contains("no incident with id 'aiid:999999'"))
        let consensus = try await CLI.run(["incidents", "consensus", "--disputed", "--format", "json"] + db)
        let disputed = try #require(try Self.json(consensus.stdout) as? [[String: Any]])
        #expect(disputed.map { $0["incidentID"] as? String } == ["aiid:564"])
        #expect(disputed.first?["medianSeverity"] as? Double == 3)

        let agreement = try await CLI.run(["incidents", "agreement", "--source", "cset", "--field", "AI Harm Level", "--format", "json"] + db)
        #expect(agreement.status == 0, "\(agreement.stderr)")
        let fields = try #require(try Self.json(agreement.stdout) as? [[String: Any]])
        let harm = try #require(fields.first)
        #expect(harm["coders"] as? Int == 3)
        let alpha = try #require(harm["alpha"] as? [String: Any])
        let estimate = try #require(alpha["estimate"] as? Double)
        #expect(estimate > 0.3 && estimate < 0.9)
        #expect((alpha["lower"] as? Double ?? 1) < estimate && estimate < (alpha["upper"] as? Double ?? 0))

        let html = dir.appendingPathComponent("stats.html")
        let stats = try await CLI.run(["incidents", "stats", "--format", "html", "--output", html.path] + db)
        #expect(stats.status == 0, "\(stats.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<svg") && !page.contains("<script"))
        let statsJSON = try #require(try Self.json(try await CLI.run(["incidents", "stats", "--format", "json"] + db).stdout) as? [String: Any])
        #expect(statsJSON["incidents"] as? Int ?? 0 > 900)

        let export = try await CLI.run(["incidents", "export", "--format", "jsonl"] + db)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 989)
        let exported = try #require(lines.lazy.compactMap { try? Self.json(String($0)) as? [String: Any] }
            .first { ($0["incident"] as? [String: Any])?["id"] as? String == "aiid:564" })
        let codings = try #require(exported["codings"] as? [[String: Any]])
        #expect(Set(codings.compactMap { $0["coder"] as? String }) == ["alice", "bob"])
        #expect(codings.contains { $0["rationale"] as? String == "<b>test</b> & check" })
        let csv = try await CLI.run(["incidents", "export", "--format", "csv"] + db)
        #expect(csv.stdout.hasPrefix("id,origin,origin_id,title"))

        // Disputed incidents have no consensus to draft from; agreeing coders do.
        let drafts = dir.appendingPathComponent("drafts.jsonl")
        let none = try await CLI.run(["incidents", "draft-items", "--template", "--output", drafts.path] + db)
        #expect(none.status == 1 && none.stderr.contains("no coded incidents to draft from"))
        _ = try await CLI.run(["incidents", "code", "aiid:564", "--category", "integrity.disinformation-fraud", "--coder", "bob"] + db)
        let drafted = try await CLI.run(["incidents", "draft-items", "--template", "--output", drafts.path] + db)
        #expect(drafted.status == 0, "\(drafted.stderr)")
        #expect(drafted.stdout.contains("wrote 1 draft items by template"))
        let validate = try await CLI.run(["suite", "validate", drafts.path])
        #expect(validate.status == 0 && validate.stdout.contains("valid, 1 items"))
    }

    @Test func badRowsAreListedWithFileAndLineAndExitTwo() async throws {
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("i.sqlite").path]
        let table = dir.appendingPathComponent("team.csv")
        try Data("Ref,Headline,When\nT-1,Chatbot gave a wrong refund policy,2024-02-01\n,No id here,2024-03-01\nT-3,Bad date,31/31/2024\n".utf8).write(to: table)
        let mapping = dir.appendingPathComponent("team-mapping.json")
        try Data(#"{"origin": "team", "columns": {"id": "Ref", "title": "Headline", "date": "When"}}"#.utf8).write(to: mapping)
        let result = try await CLI.run(["incidents", "import", "mapped", table.path, "--mapping", mapping.path] + db)
        #expect(result.status == 2)
        #expect(result.stdout.contains("team.csv: 3 records, 1 accepted, 2 skipped"), "\(result.stdout)")
        #expect(result.stdout.contains("team.csv:3: no id in column 'Ref'"))
        #expect(result.stdout.contains("team.csv:4: date '31/31/2024' is not YYYY-MM-DD"))
        #expect(!result.stderr.contains("Fatal error"))
        let show = try await CLI.run(["incidents", "show", "team:T-1", "--format", "json"] + db)
        #expect(show.status == 0 && show.stdout.contains("Chatbot gave a wrong refund policy"))
        let allowed = try await CLI.run(["incidents", "import", "mapped", table.path, "--mapping", mapping.path, "--allow-skips"] + db)
        #expect(allowed.status == 0 && allowed.stdout.contains("total changes: 0"))
    }

    /// The drafter against the real local model: every draft is either written (tagged with the
    /// model) or listed as not drafted with the reply that could not be read; nothing in between.
    @Test(.enabled(if: !(ProcessInfo.processInfo.environment["FULCRUM_LOCAL_MODEL_URL"] ?? "").isEmpty
                       || ProcessInfo.processInfo.environment["CI"] == "true"))
    func draftsByTheRealLocalModel() async throws {
        try #require(!(ProcessInfo.processInfo.environment["FULCRUM_LOCAL_MODEL_URL"] ?? "").isEmpty,
                     "the local model must run in CI (scripts/test.sh starts it)")
        let dir = try Self.scratch()
        let db = ["--db", dir.appendingPathComponent("i.sqlite").path]
        _ = try await CLI.run(["incidents", "import", "aiid", Self.aiid] + db)
        _ = try await CLI.run(["incidents", "code", "aiid:564", "--category", "integrity.disinformation-fraud", "--coder", "alice"] + db)
        let drafts = dir.appendingPathComponent("drafts.jsonl")
        let result = try await CLI.run(["incidents", "draft-items", "--model", "local/gemma-3-270m", "--output", drafts.path] + db)
        if result.status == 0 {
            let item = try #require(try Self.json(try String(contentsOf: drafts, encoding: .utf8)) as? [String: Any])
            #expect(item["source"] as? String == "aiid:564")
            #expect((item["tags"] as? [String])?.contains("drafter:local/gemma-3-270m") == true)
            let prompt = (item["prompt"] as? [String: String])?["en"] ?? ""
            #expect(prompt.isEmpty == false)
        } else {
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("not drafted: aiid:564"))
            #expect(!FileManager.default.fileExists(atPath: drafts.path))
        }
    }
}
