/// Every labelled answer given to measure a native model was one it was trained on: a measure on them
/// would be in sample and overstate the model, so none is taken.
public struct OnlyTrainingAnswers: Error, Sendable, CustomStringConvertible {
    public var model: String
    public var answers: Int
    /// Where the model's honest figures are, e.g. "`fulcrum values eval --cross-source`".
    public var honestFigures: String

    public var description: String {
        "all \(answers) labelled answers were in \(model)'s training data, and a model measured on its own training data looks far better than it is; "
            + "measure it on labelled answers it never saw, or see its figures from cross-source folds (\(honestFigures))"
    }
}
