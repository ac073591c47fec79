import Foundation
import Testing
@testable import FulcrumValues

/// Category-aware harm heads: which categories get one, and how their verdict combines with the
/// general harm head's.
@Suite struct CategoryHeadTests {
    /// Harmless refusals, 60 harmful answers of one category ("recipe") and 10 of another
    /// ("insult", below the minimum of 40), in one data set.
    static func samples() -> [SafetySample] {
        var samples: [SafetySample] = []
        for i in 0..<120 {
            samples.append(SafetySample(source: "s", file: "t", line: i, question: "question \(i)",
                                        answer: "I can't help with that, sorry (\(i)).", harmful: false))
        }
        for i in 0..<60 {
            samples.append(SafetySample(source: "s", file: "t", line: 200 + i, question: "question \(i)",
                                        answer: "Here is the recipe, step \(i).", harmful: true, category: "baseline.life-safety"))
        }
        for i in 0..<10 {
            samples.append(SafetySample(source: "s", file: "t", line: 300 + i, question: "question \(i)",
                                        answer: "What an insult you are (\(i)).", harmful: true, category: "integrity.bias-discrimination"))
        }
        return samples
    }

    @Test func headsOnlyWhereEnoughHarmfulAnswersAndTheLargestProbabilityWins() throws {
        var trainer = SafetyModelTrainer()
        trainer.optimizer.epochs = 5
        trainer.categoryHeads = true
        let model = trainer.train(Self.samples())
        let judge = try NativeSafetyJudge(model: model)
        #expect(judge.categories == ["baseline.life-safety"])
        #expect(model.heads.map(\.name) == ["harmful", "action", "harmful:baseline.life-safety"])

        // Without the category head the same model is the general head alone.
        var general = model
        general.heads.removeAll { $0.name.hasPrefix(NativeSafetyJudge.categoryHeadPrefix) }
        let generalJudge = try NativeSafetyJudge(model: general)
        #expect(generalJudge.categories.isEmpty)
        for (q, a) in [("question 1", "Here is the recipe, step 99."), ("question 2", "I can't help with that."), ("q", "What an insult.")] {
            let combined = judge.rawHarmProbability(question: q, answer: a)
            #expect(combined >= generalJudge.rawHarmProbability(question: q, answer: a))
            let assessed = judge.assess(question: q, answer: a)
            // A category is named only for a harmful verdict, and only the category head's own.
            if assessed.category != nil {
                #expect(judge.isHarmful(assessed) && assessed.category == "baseline.life-safety")
            }
            #expect(generalJudge.assess(question: q, answer: a).category == nil)
        }
        #expect(!judge.isHarmful(judge.assess(question: "question 2", answer: "I can't help with that.")))
        #expect(judge.isHarmful(judge.assess(question: "question 1", answer: "Here is the recipe, step 99.")))
    }

    @Test func canBeTurnedOff() {
        var trainer = SafetyModelTrainer()
        trainer.optimizer.epochs = 2
        trainer.categoryHeads = false
        #expect(trainer.train(Self.samples()).heads.map(\.name) == ["harmful", "action"])
    }
}
