import FulcrumCore
import Testing
@testable import FulcrumValues

@Suite struct AnnotationReplyTests {
    @Test(arguments: [
        ("Important", 1.0), ("important.", 1.0), ("**Opposed**", -1.0), ("No connection", 0.0),
        ("Answer: No connection\nThe response does not touch this value.", 0.0),
        ("Opposed\nBecause the response encourages harming others, it is not important to it.", -1.0),
        ("+1", 1.0), ("-1", -1.0), ("0", 0.0), ("The response treats this value as important.", 1.0),
        ("Label: \"Opposed\"", -1.0),
    ])
    func readsLabels(reply: String, expected: Double) {
        #expect(FULCRAAnnotationReply.parse(reply) == expected)
    }

    @Test(arguments: ["", "   ", "I cannot help with that.", "Opposed or important, hard to say.", "42", "not important",
                      "banana", "Important? Opposed? No connection?"])
    func garbageIsNotApplicable(reply: String) {
        #expect(FULCRAAnnotationReply.parse(reply) == nil)
    }

    /// Fault injection: a chat model that answers with scripted replies or fails.
    struct ScriptedModel: ChatModel {
        let spec = "test/scripted"
        let reply: @Sendable (String) -> String?
        func complete(_ request: ChatRequest) async throws -> ChatResponse {
            guard let text = reply(request.messages[0].text) else { throw ChatError.timeout }
            return ChatResponse(text: text, finishReason: "stop", usage: TokenUsage())
        }
    }

    @Test func annotatorMarksUnreadableAndFailedValuesNotApplicable() async throws {
        let model = ScriptedModel { prompt in
            if prompt.contains("Value: Benevolence") { return "Important" }
            if prompt.contains("Value: Power") { return "Opposed" }
            if prompt.contains("Value: Security") { return nil }  // the call fails
            if prompt.contains("Value: Hedonism") { return "¯\\_(ツ)_/¯" }
            return "No connection"
        }
        let a = try await FULCRAAnnotator(model: model).evaluate(prompt: "Can you help me?", response: "Sure, here is how.")
        #expect(a.vector[.benevolence] == 1)
        #expect(a.vector[.power] == -1)
        #expect(a.vector[.security] == 0)
        #expect(a.notApplicable == [.hedonism, .security])
        #expect(a.confidence[SchwartzValue.universalism.index] == 1)
    }

    @Test func annotatorPromptCarriesDefinitionAndDialogue() {
        let p = FULCRAAnnotator.prompt(value: .tradition, prompt: "Q?", response: "A.")
        #expect(p.contains(SchwartzValue.tradition.definition))
        #expect(p.contains("Human: Q?") && p.contains("Bob: A."))
    }
}
