import FulcrumCore

/// The cross-source folds of labelled safety data, in two schemes:
/// - **within a data set**: hold out one answering model's answers (Do-Not-Answer, latent-jailbreak,
///   any file with a `model` column) or, where the data set names no models, one of four fixed
///   blocks of its questions (GPTFuzz: answers to questions the judge never saw);
/// - **leave one data set out**: every answer of one data set, when there are several.
/// The first scheme gives each answer exactly one out-of-fold prediction, which calibration and
/// thresholds are fitted on; the second says how the judge fares on a kind of data it never saw.
public enum SafetyFolds {
    public static let questionBlocks = 4

    public static func withinDataSet(_ samples: [SafetySample]) -> CrossSourceFolds {
        var models: [String: Set<String>] = [:]
        for s in samples { if let m = s.model { models[s.source, default: []].insert(m) } }
        let groups = samples.map { s -> String? in
            if let m = s.model, (models[s.source]?.count ?? 0) > 1 { return "\(s.source)/\(m)" }
            return "\(s.source)/questions-\(block(of: s.promptKey) + 1)of\(questionBlocks)"
        }
        return CrossSourceFolds(groups: groups)
    }

    public static func leaveDataSetOut(_ samples: [SafetySample]) -> CrossSourceFolds {
        guard Set(samples.map(\.source)).count > 1 else { return CrossSourceFolds(folds: []) }
        return CrossSourceFolds(groups: samples.map { "data set \($0.source)" })
    }

    /// A question's block, from a stable hash of its key (FNV-1a), so blocks never depend on order.
    static func block(of key: String) -> Int {
        Int(FNV1a.hash(key) % UInt64(questionBlocks))
    }
}
