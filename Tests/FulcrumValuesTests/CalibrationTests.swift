import Foundation
import Testing
@testable import FulcrumValues

/// Platt scaling and reliability diagrams, on inputs whose answers are worked out by hand.
@Suite struct CalibrationTests {
    @Test func plattLeavesCalibratedProbabilitiesAlone() {
        // At p = 0.8 four of five are true, at p = 0.2 one of five: σ(logit p) already equals the
        // observed rate at every point, so the log-loss gradient is zero at a = 1, b = 0.
        let pairs = [(0.8, true), (0.8, true), (0.8, true), (0.8, true), (0.8, false),
                     (0.2, true), (0.2, false), (0.2, false), (0.2, false), (0.2, false)].map { (probability: $0.0, label: $0.1) }
        let s = PlattScaling.fit(pairs)
        #expect(abs(s.a - 1) < 1e-9)
        #expect(abs(s.b) < 1e-9)
        #expect(abs(s.apply(0.8) - 0.8) < 1e-9)
    }

    @Test func plattShiftsConstantPredictionsToTheObservedRate() {
        // logit(0.5) = 0, so only b matters: σ(b) = 3/4 ⇒ b = ln 3.
        let pairs = [(0.5, true), (0.5, true), (0.5, true), (0.5, false)].map { (probability: $0.0, label: $0.1) }
        let s = PlattScaling.fit(pairs, priorStrength: 0)
        #expect(abs(s.b - log(3)) < 1e-8)
        #expect(abs(s.a - 1) < 1e-9)
        #expect(abs(s.apply(0.5) - 0.75) < 1e-8)
    }

    @Test func plattApplyMatchesHandComputation() {
        // σ(2 · logit(0.75)) = σ(2 ln 3) = 9 / (9 + 1).
        #expect(abs(PlattScaling(a: 2, b: 0).apply(0.75) - 0.9) < 1e-12)
        // σ(logit(0.5) + ln 4) = 4 / 5.
        #expect(abs(PlattScaling(a: 1, b: log(4)).apply(0.5) - 0.8) < 1e-12)
        #expect(PlattScaling.identity.apply(0.3) == 0.3 || abs(PlattScaling.identity.apply(0.3) - 0.3) < 1e-12)
        #expect(PlattScaling.identity.apply(0).isFinite && PlattScaling.identity.apply(1) <= 1)
    }

    @Test func plattStaysFiniteOnSeparableData() {
        // Every 0.9 true and every 0.1 false: maximum likelihood would send a to infinity; the prior stops it.
        let pairs = [(0.9, true), (0.9, true), (0.9, true), (0.1, false), (0.1, false), (0.1, false)].map { (probability: $0.0, label: $0.1) }
        let s = PlattScaling.fit(pairs)
        #expect(s.a.isFinite && s.b.isFinite)
        #expect(s.a > 1 && s.a < 50)
        #expect(abs(s.b) < 1e-6)  // symmetric data
        #expect(s.apply(0.9) > 0.9 && s.apply(0.1) < 0.1)
    }

    @Test func plattFitsConfidentPredictionsWithoutOvershooting() {
        // 100 at p = 1 − 10⁻⁶ (logit 13.8155), 95 true; 100 at p = 0.6 (logit 0.4055), 60 true. Two
        // points, two parameters: the fit is exact, a = (logit 0.95 − logit 0.6) / (13.8155 − 0.4055)
        // = 0.18934, b = 0.4055 − a·0.4055 = 0.32870. A plain Newton step from the identity overshoots here.
        var pairs: [(probability: Double, label: Bool)] = []
        for i in 0..<100 { pairs.append((1 - 1e-6, i < 95)) }
        for i in 0..<100 { pairs.append((0.6, i < 60)) }
        let s = PlattScaling.fit(pairs, priorStrength: 0)
        #expect(abs(s.a - 0.18934) < 1e-3 && abs(s.b - 0.32870) < 1e-3, "\(s)")
        #expect(abs(s.apply(1 - 1e-6) - 0.95) < 1e-4 && abs(s.apply(0.6) - 0.6) < 1e-4)
    }

    @Test func plattIsMonotone() {
        // Higher probability, fewer true outcomes: the decreasing fit is refused; a = 0 and σ(b) is
        // the prior-shrunk observed rate, 2 of 4 ⇒ b = 0 exactly (the prior pulls towards 0 too).
        let pairs = [(0.9, false), (0.9, false), (0.6, true), (0.6, true)].map { (probability: $0.0, label: $0.1) }
        let s = PlattScaling.fit(pairs)
        #expect(s.a == 0 && abs(s.b) < 1e-9)
        #expect(abs(s.apply(0.9) - 0.5) < 1e-9 && abs(s.apply(0.1) - 0.5) < 1e-9)
    }

    @Test func plattWithNoDataIsTheIdentity() {
        #expect(PlattScaling.fit([]) == .identity)
    }

    @Test func reliabilityBinsAndErrorsByHand() {
        let pairs = [(0.05, false), (0.15, true), (0.15, false), (0.95, true), (1.0, true)].map { (probability: $0.0, label: $0.1) }
        let d = ReliabilityDiagram(pairs, binCount: 10)
        #expect(d.bins.count == 10)
        #expect(d.total == 5)
        #expect(d.bins[0].count == 1 && d.bins[1].count == 2 && d.bins[9].count == 2)
        #expect(abs(d.bins[1].meanPredicted - 0.15) < 1e-12 && abs(d.bins[1].observedRate - 0.5) < 1e-12)
        #expect(abs(d.bins[9].meanPredicted - 0.975) < 1e-12 && d.bins[9].observedRate == 1)
        #expect(d.bins[5].count == 0 && d.bins[5].gap == 0)
        // ECE = (1 · 0.05 + 2 · 0.35 + 2 · 0.025) / 5 = 0.16; MCE = 0.35.
        #expect(abs(d.ece - 0.16) < 1e-12)
        #expect(abs(d.maximumCalibrationError - 0.35) < 1e-12)
    }

    @Test func reliabilityOfNothingIsZeroAndItRoundTrips() throws {
        let empty = ReliabilityDiagram([], binCount: 4)
        #expect(empty.ece == 0 && empty.maximumCalibrationError == 0 && empty.bins.count == 4)
        let d = ReliabilityDiagram([(0.3, true), (0.7, false)].map { (probability: $0.0, label: $0.1) }, binCount: 2)
        #expect(abs(d.ece - 0.7) < 1e-12)
        let back = try JSONDecoder().decode(ReliabilityDiagram.self, from: JSONEncoder().encode(d))
        #expect(back == d)
        let s = PlattScaling(a: 1.5, b: -0.25)
        #expect(try JSONDecoder().decode(PlattScaling.self, from: JSONEncoder().encode(s)) == s)
    }
}
