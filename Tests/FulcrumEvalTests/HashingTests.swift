import FulcrumCore
import FulcrumEval
import FulcrumSuites
import Testing

@Suite struct HashingTests {
    @Test func sha256MatchesFIPSVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func requestHashSeparatesModelSettingsMessagesAndSample() {
        let request = ChatRequest(messages: [ChatMessage(role: .user, text: "hi")], settings: GenerationSettings(temperature: 0.7))
        let base = RequestHash.of(modelSpec: "openai/a", request: request, sampleIndex: 0)
        #expect(base == RequestHash.of(modelSpec: "openai/a", request: request, sampleIndex: 0))
        #expect(base != RequestHash.of(modelSpec: "openai/b", request: request, sampleIndex: 0))
        #expect(base != RequestHash.of(modelSpec: "openai/a", request: request, sampleIndex: 1))
        var hotter = request
        hotter.settings.temperature = 0.8
        #expect(base != RequestHash.of(modelSpec: "openai/a", request: hotter, sampleIndex: 0))
        var withImage = request
        withImage.messages[0].attachments = [ChatAttachment(mediaType: "image/png", data: [1, 2, 3])]
        #expect(base != RequestHash.of(modelSpec: "openai/a", request: withImage, sampleIndex: 0))
    }

    @Test func suiteHashChangesWithContent() throws {
        var suite = try SuiteCatalog.starter()
        let before = suite.contentHash
        #expect(before == (try SuiteCatalog.starter()).contentHash)
        suite.items[0].prompt[.en] = "changed"
        #expect(suite.contentHash != before)
    }
}
