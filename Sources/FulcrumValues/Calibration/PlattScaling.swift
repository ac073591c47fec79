import Foundation

/// Platt scaling of a probability: p' = σ(a · logit(p) + b), fitted to (probability, outcome)
/// pairs by Newton's method (IRLS) on the log loss. `a` = 1, `b` = 0 is the identity.
///
/// A Gaussian prior centred on the identity, penalty (λ/2)·((a − 1)² + b²), keeps the fit finite
/// when the outcomes are separable by p (every p above some cut true, every one below false),
/// where the plain maximum-likelihood `a` would run to infinity; with λ small it barely moves a
/// fit to overlapping data. The fit is monotone: when the best `a` is negative (higher raw
/// probability, fewer true outcomes; seen on values that are almost never wrong, where the few
/// errors decide the slope) `a` is set to 0 and `b` refitted, i.e. the observed rate for all.
public struct PlattScaling: Sendable, Codable, Hashable {
    public var a: Double
    public var b: Double

    public static let identity = PlattScaling(a: 1, b: 0)

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// Probabilities are clipped to [ε, 1 − ε] before the logit, so 0 and 1 stay finite.
    public static let epsilon = 1e-6

    /// Fits a and b. `priorStrength` is λ above (in units of one sample's log loss). With no
    /// pairs the identity is returned.
    public static func fit(_ pairs: [(probability: Double, label: Bool)], priorStrength: Double = 1e-2,
                           maximumIterations: Int = 100, tolerance: Double = 1e-10) -> PlattScaling {
        guard !pairs.isEmpty else { return .identity }
        let x = pairs.map { logit($0.probability) }
        let y = pairs.map { $0.label ? 1.0 : 0.0 }
        let lambda = max(priorStrength, 0)
        var a = 1.0, b = 0.0
        for _ in 0..<maximumIterations {
            // Gradient and Hessian of Σ log loss + prior, in (a, b).
            var ga = lambda * (a - 1), gb = lambda * b
            var haa = lambda, hab = 0.0, hbb = lambda
            for i in x.indices {
                let p = sigmoid(a * x[i] + b)
                let r = p - y[i], w = p * (1 - p)
                ga += r * x[i]
                gb += r
                haa += w * x[i] * x[i]
                hab += w * x[i]
                hbb += w
            }
            // Tiny ridge so a Hessian that is singular (all x equal and λ = 0) still solves.
            haa += 1e-12
            hbb += 1e-12
            let det = haa * hbb - hab * hab
            guard det > 0, det.isFinite else { break }
            var da = (hbb * ga - hab * gb) / det
            var db = (haa * gb - hab * ga) / det
            // Step halving: a full Newton step can overshoot when logits are large (p near 0 or 1).
            let current = objective(x, y, a, b, lambda)
            var halvings = 0
            while objective(x, y, a - da, b - db, lambda) > current && halvings < 40 {
                da /= 2
                db /= 2
                halvings += 1
            }
            a -= da
            b -= db
            if abs(da) + abs(db) < tolerance { break }
        }
        if a < 0 {
            a = 0
            for _ in 0..<maximumIterations {
                var g = lambda * b, h = lambda + 1e-12
                for i in x.indices {
                    let p = sigmoid(b)
                    g += p - y[i]
                    h += p * (1 - p)
                }
                var db = g / h
                let current = objective(x, y, 0, b, lambda)
                var halvings = 0
                while objective(x, y, 0, b - db, lambda) > current && halvings < 40 { db /= 2; halvings += 1 }
                b -= db
                if abs(db) < tolerance { break }
            }
        }
        return PlattScaling(a: a, b: b)
    }

    /// Σ log loss of σ(a·x + b) plus the prior.
    static func objective(_ x: [Double], _ y: [Double], _ a: Double, _ b: Double, _ lambda: Double) -> Double {
        var loss = lambda / 2 * ((a - 1) * (a - 1) + b * b)
        for i in x.indices {
            let z = a * x[i] + b
            // log(1 + e^z) − y·z, computed without overflow.
            loss += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - y[i] * z
        }
        return loss
    }

    public func apply(_ probability: Double) -> Double {
        Self.sigmoid(a * Self.logit(probability) + b)
    }

    static func logit(_ p: Double) -> Double {
        let q = min(max(p, epsilon), 1 - epsilon)
        return log(q / (1 - q))
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }
}
