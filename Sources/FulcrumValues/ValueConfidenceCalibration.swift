import Foundation
import FulcrumCore

/// Calibration of the value evaluator's per-value confidence (the probability of the label it
/// chose): Platt scaling of that probability, or a softmax temperature, one per value. Fitted on
/// out-of-fold predictions (each dialogue scored by a model that never saw its answering model),
/// the method chosen by the lower cross-fitted expected calibration error: for each fold the
/// calibrators are fitted on the other folds' predictions and applied to that fold, so the ECE
/// "after" is measured on predictions the calibrator was not fitted on.
public struct ValueConfidenceCalibration: Sendable, Codable, Hashable {
    public enum Method: String, Sendable, Codable, Hashable { case platt, temperature }

    public var method: Method
    /// Per value in FULCRA order; used when `method` is `.platt`.
    public var platt: [PlattScaling]
    /// Per value in FULCRA order; used when `method` is `.temperature` (divides the log-probabilities).
    public var temperatures: [Double]
    /// Cross-fitted ECE of the raw confidences, of each method, over all values pooled (10 bins).
    public var eceBefore: Double
    public var ecePlatt: Double
    public var eceTemperature: Double

    public var eceAfter: Double { method == .platt ? ecePlatt : eceTemperature }

    public static let binCount = 10

    /// One out-of-fold prediction of one dialogue: per value the class probabilities (−1, 0, +1),
    /// the true label and the fold it was held out in; `chosen`: per value the index of the label the
    /// model chose (differs from the arg-max under decision offsets; nil: the arg-max).
    public struct Prediction: Sendable {
        public var probabilities: [[Double]]
        public var truth: ValueVector
        public var fold: Int
        public var chosen: [Int]? = nil

        public init(probabilities: [[Double]], truth: ValueVector, fold: Int, chosen: [Int]? = nil) {
            self.probabilities = probabilities
            self.truth = truth
            self.fold = fold
            self.chosen = chosen
        }

        /// The index of the label chosen for value `v`.
        func choice(_ v: Int) -> Int {
            if let chosen { return chosen[v] }
            let p = probabilities[v]
            return p.indices.max { p[$0] < p[$1] } ?? 0
        }
    }

    /// The calibrated probability of the chosen class (default: the top class) of `probabilities` for value `index`.
    public func confidence(value index: Int, probabilities p: [Double], chosen: Int? = nil) -> Double {
        let best = chosen ?? (p.indices.max { p[$0] < p[$1] } ?? 0)
        switch method {
        case .platt: return platt[index].apply(p[best])
        case .temperature: return Self.tempered(p, temperatures[index])[best]
        }
    }

    /// Fits both methods, measures them cross-fitted over the folds, keeps the better one (fitted on all).
    public static func fit(_ predictions: [Prediction]) -> (calibration: ValueConfidenceCalibration,
                                                              before: ReliabilityDiagram, after: ReliabilityDiagram) {
        let folds = Set(predictions.map(\.fold)).sorted()
        var raw: [(probability: Double, label: Bool)] = []
        var viaPlatt = raw, viaTemperature = raw
        for f in folds {
            let fitOn = predictions.filter { $0.fold != f }, apply = predictions.filter { $0.fold == f }
            let p = fitPlatt(fitOn), t = fitTemperatures(fitOn)
            for x in apply {
                for v in 0..<ValueVector.dimension {
                    let probs = x.probabilities[v]
                    let best = x.choice(v)
                    let correct = best - 1 == Int(x.truth.components[v])
                    raw.append((probs[best], correct))
                    viaPlatt.append((p[v].apply(probs[best]), correct))
                    viaTemperature.append((tempered(probs, t[v])[best], correct))
                }
            }
        }
        let before = ReliabilityDiagram(raw, binCount: binCount)
        let platt = ReliabilityDiagram(viaPlatt, binCount: binCount)
        let temperature = ReliabilityDiagram(viaTemperature, binCount: binCount)
        let method: Method = platt.ece <= temperature.ece ? .platt : .temperature
        let calibration = ValueConfidenceCalibration(method: method, platt: fitPlatt(predictions),
                                                     temperatures: fitTemperatures(predictions), eceBefore: before.ece,
                                                     ecePlatt: platt.ece, eceTemperature: temperature.ece)
        return (calibration, before, method == .platt ? platt : temperature)
    }

    static func fitPlatt(_ predictions: [Prediction]) -> [PlattScaling] {
        (0..<ValueVector.dimension).map { v in
            PlattScaling.fit(predictions.map { x in
                let p = x.probabilities[v]
                let best = x.choice(v)
                return (p[best], best - 1 == Int(x.truth.components[v]))
            })
        }
    }

    /// Per value, the temperature (log-spaced grid 0.1…10) of least log loss of the true class.
    static func fitTemperatures(_ predictions: [Prediction]) -> [Double] {
        let grid = (0...100).map { pow(10, -1 + 2 * Double($0) / 100) }
        return (0..<ValueVector.dimension).map { v in
            var best = 1.0, bestLoss = Double.infinity
            for t in grid {
                var loss = 0.0
                for x in predictions {
                    loss -= log(max(tempered(x.probabilities[v], t)[Int(x.truth.components[v]) + 1], 1e-12))
                }
                if loss < bestLoss { bestLoss = loss; best = t }
            }
            return best
        }
    }

    static func tempered(_ p: [Double], _ t: Double) -> [Double] {
        let logs = p.map { log(max($0, 1e-12)) / t }
        let m = logs.max() ?? 0
        let e = logs.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}
