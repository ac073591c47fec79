import Foundation
import FulcrumCore
import Testing
@testable import FulcrumIncidents

struct SuggestionTests {
    @Test func cuesMatchAtWordStartsOnly() {
        #expect(CueMatcher.firstMatch(of: ["bias"], in: "a biased model") == "bias")
        #expect(CueMatcher.firstMatch(of: ["bias"], in: "rabbias text") == nil)
        #expect(CueMatcher.firstMatch(of: ["self-harm"], in: "content about (self-harm) risks") == "self-harm")
        #expect(CueMatcher.firstMatch(of: ["deepfake"], in: "DEEPFAKE video".lowercased()) == "deepfake")
        #expect(CueMatcher.firstMatch(of: ["fake"], in: "a deepfake") == nil)
        #expect(CueMatcher.firstMatch(of: ["scam"], in: "") == nil)
        // The earliest cue in the list wins, wherever it occurs; cues sharing a first byte all count.
        #expect(CueMatcher.firstMatch(of: ["scam", "bias"], in: "bias first, then a scam") == "scam")
        #expect(CueMatcher.firstMatch(of: ["voice clone", "voice"], in: "a voice message") == "voice")
        #expect(CueMatcher.firstMatch(of: ["voice clone", "voice"], in: "a voice clone") == "voice clone")
    }

    @Test func builtInMappingIsValidAgainstTheScale() throws {
        let mapping = SuggestionMapping.builtIn
        let scale = GVSScale.builtIn
        #expect(mapping.foreign.allSatisfy { scale.category(id: $0.category) != nil })
        #expect(mapping.textCues.count == scale.categories.count, "every category has text cues")
        let bad = try TestSupport.write(#"{"version":"1","about":"","foreign":[{"source":"x","taxonomy":"T","field":"f","equals":["a"],"category":"nope"}],"lifecycle":[],"textCues":[],"modalityCues":[]}"#, named: "m.json")
        #expect(throws: IncidentError.self) { try SuggestionMapping.load(bad) }
    }

    @Test func foreignRulesAndLifecycle() {
        let incident = Incident(origin: "t", originID: "1", title: "Quiet title", description: "Nothing to see.")
        let codes = [ForeignCode(taxonomy: "MIT", field: "Risk Subdomain", value: "4.3. Fraud, scams, and targeted manipulation"),
                     ForeignCode(taxonomy: "MIT", field: "Timing", value: "Post-deployment"),
                     ForeignCode(taxonomy: "CSETv1", field: "Lives Lost", value: "2"),
                     ForeignCode(taxonomy: "CSETv1", field: "Harm Distribution Basis", value: "none")]
        let byCoder = MachineSuggester.builtIn.suggestions(for: incident, codes: codes)
        #expect(byCoder["machine:aiid-mit"]?.map(\.category) == ["integrity.disinformation-fraud"])
        #expect(byCoder["machine:aiid-cset"]?.map(\.category) == ["baseline.life-safety"], "'none' basis is not bias")
        #expect(byCoder.values.joined().allSatisfy { $0.lifecycle == "deployment" && $0.origin == .machine })
        #expect(byCoder["machine:text-cue"] == nil)
    }
}
