import Foundation
import FulcrumIncidents
import FulcrumService
import Testing

@Suite struct IncidentDraftServiceTests {
    @Test func withoutCodedIncidentsThereIsNothingToDraft() async throws {
        let store = try IncidentStore(path: try temporaryFolder().appendingPathComponent("incidents.sqlite").path)
        let service = IncidentDraftService(store: store, environment: [:], client: { fatalError("the template drafter needs no client") })
        let output = try temporaryFolder().appendingPathComponent("drafts.jsonl")
        await #expect(throws: ServiceError.nothingToDraft) { _ = try await service.draft(IncidentDraftRequest(output: output)) }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
