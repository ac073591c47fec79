import Foundation

/// Solves the same objective as `SoftmaxTrainer`'s averaged SGD — mean class-weighted multinomial
/// log loss plus (l2 / 2)·‖W‖² (bias not penalised) — to convergence with full-batch L-BFGS.
/// On FULCRA the SGD stops short of the optimum; the exact solution of the same model scores better
/// on held-out splits (scripts/baseline/README.md). Deterministic: no sampling order.
struct SoftmaxLBFGS {
    var l2: Double
    var maximumIterations: Int
    /// Pairs of past steps kept for the inverse-Hessian estimate.
    var memory = 10

    /// `samples`: (row, class index, weight). Returns feature-major weights and the biases.
    func fit(rows: [SparseRow], samples: [(row: Int, label: Int, weight: Double)], featureCount: Int,
             classCount k: Int) -> (weights: [Double], bias: [Double]) {
        let n = featureCount * k
        var theta = [Double](repeating: 0, count: n + k)
        var gradient = [Double](repeating: 0, count: n + k)
        var value = evaluate(theta, &gradient, rows: rows, samples: samples, featureCount: featureCount, k: k)
        var steps: [[Double]] = [], changes: [[Double]] = [], rhos: [Double] = []
        var candidate = theta
        var candidateGradient = gradient
        for iteration in 0..<maximumIterations {
            // Two-loop recursion: direction = −H·gradient.
            var direction = gradient.map { -$0 }
            var alphas = [Double](repeating: 0, count: steps.count)
            for i in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[i] = rhos[i] * Self.dot(steps[i], direction)
                Self.axpy(-alphas[i], changes[i], &direction)
            }
            if let s = steps.last, let y = changes.last {
                let gamma = Self.dot(s, y) / Self.dot(y, y)
                for i in direction.indices { direction[i] *= gamma }
            }
            for i in steps.indices {
                let beta = rhos[i] * Self.dot(changes[i], direction)
                Self.axpy(alphas[i] - beta, steps[i], &direction)
            }
            var slope = Self.dot(gradient, direction)
            if slope >= 0 {   // not a descent direction: restart from steepest descent
                direction = gradient.map { -$0 }
                slope = Self.dot(gradient, direction)
                steps.removeAll(); changes.removeAll(); rhos.removeAll()
            }
            // Backtracking line search (Armijo).
            var step = iteration == 0 ? 1 / max(1, sqrt(Self.dot(gradient, gradient))) : 1
            var candidateValue = Double.infinity
            for _ in 0..<40 {
                for i in theta.indices { candidate[i] = theta[i] + step * direction[i] }
                candidateValue = evaluate(candidate, &candidateGradient, rows: rows, samples: samples,
                                          featureCount: featureCount, k: k)
                if candidateValue <= value + 1e-4 * step * slope { break }
                step *= 0.5
            }
            guard candidateValue < value else { break }   // no progress possible
            let s = zip(candidate, theta).map { $0 - $1 }
            let y = zip(candidateGradient, gradient).map { $0 - $1 }
            let sy = Self.dot(s, y)
            if sy > 1e-12 {
                steps.append(s); changes.append(y); rhos.append(1 / sy)
                if steps.count > memory { steps.removeFirst(); changes.removeFirst(); rhos.removeFirst() }
            }
            let improvement = value - candidateValue
            swap(&theta, &candidate)
            swap(&gradient, &candidateGradient)
            value = candidateValue
            if improvement <= 1e-10 * max(1, abs(value)) || (gradient.map(abs).max() ?? 0) < 1e-7 { break }
        }
        return (Array(theta[0..<n]), Array(theta[n...]))
    }

    /// The objective at `theta`, with its gradient written into `gradient`.
    private func evaluate(_ theta: [Double], _ gradient: inout [Double], rows: [SparseRow],
                          samples: [(row: Int, label: Int, weight: Double)], featureCount: Int, k: Int) -> Double {
        let n = featureCount * k
        let count = Double(samples.count)
        var loss = 0.0
        for i in 0..<n { gradient[i] = l2 * theta[i] }
        for c in 0..<k { gradient[n + c] = 0 }
        var scores = [Double](repeating: 0, count: k)
        theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { g in
                for sample in samples {
                    let row = rows[sample.row]
                    for c in 0..<k { scores[c] = t[n + c] }
                    for (j, column) in row.indices.enumerated() {
                        let x = Double(row.values[j]), base = Int(column) * k
                        for c in 0..<k { scores[c] += t[base + c] * x }
                    }
                    let top = scores.max()!
                    var total = 0.0
                    for c in 0..<k { scores[c] = exp(scores[c] - top); total += scores[c] }
                    loss -= sample.weight * log(max(scores[sample.label] / total, 1e-300))
                    for c in 0..<k {
                        let d = sample.weight * (scores[c] / total - (c == sample.label ? 1 : 0)) / count
                        guard d != 0 else { continue }
                        g[n + c] += d
                        for (j, column) in row.indices.enumerated() { g[Int(column) * k + c] += d * Double(row.values[j]) }
                    }
                }
            }
        }
        var penalty = 0.0
        for i in 0..<n { penalty += theta[i] * theta[i] }
        return loss / count + l2 / 2 * penalty
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    private static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
        for i in y.indices { y[i] += a * x[i] }
    }
}
