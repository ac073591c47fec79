import Foundation

/// Trains the safety judge once per cross-source fold (`SafetyFolds`) and keeps every held-out
/// answer's harm probability, uncalibrated: the raw material for the figures `judge eval
/// --cross-source` reports, for the calibration and threshold `judge train` fits, and for the
/// shipped judge's sensitivity and specificity. Folds train two at a time (one per core).
public struct SafetyCrossValidation: Sendable {
    public var samples: [SafetySample]
    public var withinDataSet: CrossSourceFolds
    public var leaveDataSetOut: CrossSourceFolds
    /// Per sample: the harm probability from the within-data-set fold that held it out.
    public var outOfFold: [Double]
    /// Per sample: the harm probability from the model that never saw its data set (nil with one data set).
    public var dataSetOutOfFold: [Double?]

    public static func run(_ samples: [SafetySample], trainer: SafetyModelTrainer, parallelism: Int = 2) -> SafetyCrossValidation {
        let within = SafetyFolds.withinDataSet(samples), dataSets = SafetyFolds.leaveDataSetOut(samples)
        let jobs = within.folds.map { (fold: $0, within: true) } + dataSets.folds.map { (fold: $0, within: false) }
        let results = FoldResults(count: jobs.count)
        let queue = DispatchQueue(label: "fulcrum.cross-source", attributes: .concurrent)
        let slots = DispatchSemaphore(value: max(1, parallelism))
        let group = DispatchGroup()
        for (j, job) in jobs.enumerated() {
            slots.wait()
            queue.async(group: group) {
                defer { slots.signal() }
                let model = trainer.train(job.fold.train.map { samples[$0] })
                // A model this trainer made always has both heads.
                let judge = try! NativeSafetyJudge(model: model)
                results.set(j, job.fold.test.map { judge.rawHarmProbability(question: samples[$0].question, answer: samples[$0].answer) })
            }
        }
        group.wait()
        var outOfFold = [Double](repeating: .nan, count: samples.count)
        var dataSetOutOfFold = [Double?](repeating: nil, count: samples.count)
        for (j, job) in jobs.enumerated() {
            for (i, p) in zip(job.fold.test, results.values[j]) {
                if job.within { outOfFold[i] = p } else { dataSetOutOfFold[i] = p }
            }
        }
        return SafetyCrossValidation(samples: samples, withinDataSet: within, leaveDataSetOut: dataSets,
                                     outOfFold: outOfFold, dataSetOutOfFold: dataSetOutOfFold)
    }
}

/// Fold results written from concurrent training jobs, each into its own slot.
private final class FoldResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [[Double]]

    init(count: Int) { values = Array(repeating: [], count: count) }

    func set(_ index: Int, _ probabilities: [Double]) {
        lock.lock(); defer { lock.unlock() }
        values[index] = probabilities
    }
}
