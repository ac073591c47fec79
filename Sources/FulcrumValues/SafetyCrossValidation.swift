import Foundation

/// Trains the safety judge once per cross-source fold (`SafetyFolds`) and keeps every held-out
/// answer's harm probability, uncalibrated: the raw material for the figures `judge eval
/// --cross-source` reports, for the calibration and threshold `judge train` fits, and for the
/// shipped judge's sensitivity and specificity. Folds train two at a time (`ParallelMap`).
public struct SafetyCrossValidation: Sendable {
    public var samples: [SafetySample]
    public var withinDataSet: CrossSourceFolds
    public var leaveDataSetOut: CrossSourceFolds
    /// Per sample: the harm probability from the within-data-set fold that held it out.
    public var outOfFold: [Double]
    /// Per sample: the harm probability from the model that never saw its data set (nil with one data set).
    public var dataSetOutOfFold: [Double?]

    public static func run(_ samples: [SafetySample], trainer: SafetyModelTrainer) -> SafetyCrossValidation {
        let within = SafetyFolds.withinDataSet(samples), dataSets = SafetyFolds.leaveDataSetOut(samples)
        let jobs = within.folds.map { (fold: $0, within: true) } + dataSets.folds.map { (fold: $0, within: false) }
        let results = ParallelMap.map(jobs) { job in
            // A model this trainer made always has both heads.
            let judge = try! NativeSafetyJudge(model: trainer.train(job.fold.train.map { samples[$0] }))
            return job.fold.test.map { judge.rawHarmProbability(question: samples[$0].question, answer: samples[$0].answer) }
        }
        var outOfFold = [Double](repeating: .nan, count: samples.count)
        var dataSetOutOfFold = [Double?](repeating: nil, count: samples.count)
        for (j, job) in jobs.enumerated() {
            for (i, p) in zip(job.fold.test, results[j]) {
                if job.within { outOfFold[i] = p } else { dataSetOutOfFold[i] = p }
            }
        }
        return SafetyCrossValidation(samples: samples, withinDataSet: within, leaveDataSetOut: dataSets,
                                     outOfFold: outOfFold, dataSetOutOfFold: dataSetOutOfFold)
    }
}
