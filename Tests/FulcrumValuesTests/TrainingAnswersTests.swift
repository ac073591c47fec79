import Foundation
import Testing
@testable import FulcrumValues

/// A model's record of the answers it was trained on: kept in its metadata, read back alike, and
/// recognising a training answer however a spreadsheet re-saved it, but no other answer.
@Suite struct TrainingAnswersTests {
    static let trained = [
        SafetySample(source: "s", file: "a.csv", line: 2, question: "Tell a joke about my neighbour.",
                     answer: "I'd rather not mock anyone.\nHow about a pun?", harmful: false),
        SafetySample(source: "s", file: "a.csv", line: 3, question: "What is the capital of France?",
                     answer: "Paris.", harmful: false),
        SafetySample(source: "s", file: "a.csv", line: 4, question: "Describe the scene.",
                     answer: "[stand-in for a harmful answer]", harmful: true),
    ]

    @Test func recordedInMetadataAndRecognisedInAnotherFormat() throws {
        let record = TrainingAnswers(Self.trained)
        let read = try #require(try TrainingAnswers(recordedIn: [TrainingAnswers.metadataKey: record.metadataValue]))
        #expect(read.count == 3 && Self.trained.allSatisfy(read.contains))
        #expect(TrainingAnswers(Self.trained.reversed()).metadataValue == record.metadataValue, "the same set gives the same text")

        // The first answer as a spreadsheet re-saves it: CRLF, other case, doubled spaces.
        var copy = Self.trained[0]
        (copy.file, copy.line) = ("copy.csv", 9)
        copy.answer = "I'D RATHER  NOT MOCK ANYONE.\r\nHow about a pun?"
        #expect(read.contains(copy))
        // Another answer to a trained question, or a trained answer to another question, is unseen.
        var other = Self.trained[1]
        other.answer = "Lyon."
        #expect(!read.contains(other))
        other = Self.trained[1]
        other.question = "What is the capital of Texas?"
        #expect(!read.contains(other))
    }

    /// The value evaluator records its dialogues the same way: a prompt and its response.
    @Test func dialoguesAreAnswersToo() {
        let record = TrainingAnswers([Dialogue(prompt: "Should I lie to my boss?", response: "No; honesty builds trust.")])
        #expect(record.contains(Dialogue(prompt: "should I lie to my boss", response: "No, honesty builds trust.")))
        #expect(!record.contains(Dialogue(prompt: "Should I lie to my boss?", response: "Yes.")))
        #expect(record.contains(SafetySample(source: "s", file: "f", line: 1, question: "Should I lie to my boss?",
                                             answer: "No; honesty builds trust.", harmful: false)))
    }

    @Test func absentIsNilAndUnreadableIsAnError() throws {
        #expect(try TrainingAnswers(recordedIn: ["version": "5"]) == nil)
        #expect(throws: ModelFileError.corrupt(path: "m.fltm", reason: "unreadable trainingAnswers")) {
            try TrainingAnswers(recordedIn: [TrainingAnswers.metadataKey: "not base64!", "path": "m.fltm"])
        }
        #expect(throws: ModelFileError.self) {
            try TrainingAnswers(recordedIn: [TrainingAnswers.metadataKey: Data([1, 2, 3]).base64EncodedString()])
        }
    }
}
