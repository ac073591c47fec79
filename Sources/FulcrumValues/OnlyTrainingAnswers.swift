/// Every labelled answer given to measure a native judge was one it was trained on: a measure on them
/// would be in sample and overstate the judge, so none is taken.
public struct OnlyTrainingAnswers: Error, Sendable, CustomStringConvertible {
    public var judge: String
    public var answers: Int

    public var description: String {
        "all \(answers) labelled answers were in \(judge)'s training data, and a judge measured on its own training data looks far better than it is; "
            + "measure it on labelled answers it never saw, or see its figures from cross-source folds (`fulcrum judge calibrations`, `fulcrum judge eval --cross-source`)"
    }
}
