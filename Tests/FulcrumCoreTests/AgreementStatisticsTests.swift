import Testing
@testable import FulcrumCore

/// Values below are computed by hand (worked in the comments) or taken from Krippendorff (2011),
/// "Computing Krippendorff's Alpha-Reliability", whose worked examples are the reference.
struct CohenKappaTests {
    @Test func textbookTwoByTwo() throws {
        // 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
        // pₒ = 35/50 = 0.7; A yes 25/50, B yes 30/50 → pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
        let pairs = Array(repeating: ("yes", "yes"), count: 20) + Array(repeating: ("yes", "no"), count: 5)
            + Array(repeating: ("no", "yes"), count: 10) + Array(repeating: ("no", "no"), count: 15)
        let kappa = try #require(CohenKappa.estimate(pairs))
        #expect(abs(kappa - 0.4) < 1e-12)
    }

    @Test func krippendorffBinaryDataAsKappa() throws {
        // A: 0100000010, B: 1110010000. pₒ = 6/10; A has two 1s, B four.
        // pₑ = 0.8·0.6 + 0.2·0.4 = 0.56; κ = (0.6 − 0.56)/0.44 = 0.0909…
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let kappa = try #require(CohenKappa.estimate(Array(zip(a, b))))
        #expect(abs(kappa - 0.04 / 0.44) < 1e-12)
    }

    @Test func threeCategoriesByHand() throws {
        // 6 items, labels a/b/c. Pairs: (a,a) (a,a) (b,b) (b,c) (c,c) (a,c).
        // pₒ = 4/6. A: a3 b2 c1; B: a2 b1 c3. pₑ = (3·2 + 2·1 + 1·3)/36 = 11/36.
        // κ = (24/36 − 11/36)/(25/36) = 13/25 = 0.52
        let pairs = [("a", "a"), ("a", "a"), ("b", "b"), ("b", "c"), ("c", "c"), ("a", "c")]
        #expect(abs(try #require(CohenKappa.estimate(pairs)) - 0.52) < 1e-12)
    }

    @Test func perfectAndUndefined() {
        #expect(CohenKappa.estimate([("x", "x"), ("y", "y")]) == 1)
        #expect(CohenKappa.estimate([("x", "x"), ("x", "x")]) == nil, "pₑ = 1 leaves κ undefined")
        #expect(CohenKappa.estimate([(String, String)]()) == nil)
    }

    @Test func bootstrapIntervalIsSeededAndBracketsEstimate() throws {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1], b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0]
        let pairs = Array(zip(a, b))
        let ci = try #require(CohenKappa.interval(pairs, bootstrap: Bootstrap(resamples: 500, seed: 3)))
        let again = try #require(CohenKappa.interval(pairs, bootstrap: Bootstrap(resamples: 500, seed: 3)))
        #expect(ci == again)
        #expect(ci.estimate == CohenKappa.estimate(pairs))
        #expect(ci.lower <= ci.estimate && ci.estimate <= ci.upper)
        #expect(ci.lower < ci.upper)
        #expect(ci.lower >= -1 && ci.upper <= 1)
    }
}

struct KrippendorffAlphaTests {
    /// Krippendorff (2011) section C: 4 observers, 12 units, missing data.
    /// Published: nominal α = 0.743, interval α = 0.849.
    static let reliabilityData: [[Double?]] = {
        let observers: [[Double?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        return (0..<12).map { unit in observers.map { $0[unit] } }
    }()

    @Test func publishedNominalWithMissingData() throws {
        let alpha = try #require(KrippendorffAlpha.nominal(Self.reliabilityData))
        #expect(abs(alpha - 0.743) < 0.0005)
        // Same data as strings: the metric, not the value type, decides.
        let labels = Self.reliabilityData.map { $0.map { $0.map { "v\(Int($0))" } } }
        #expect(abs(try #require(KrippendorffAlpha.nominal(labels)) - alpha) < 1e-12)
    }

    @Test func publishedInterval() throws {
        let alpha = try #require(KrippendorffAlpha.interval(Self.reliabilityData))
        #expect(abs(alpha - 0.849) < 0.0005)
        #expect(KrippendorffAlpha.estimate(Self.reliabilityData, metric: .interval) == alpha)
    }

    @Test func unpairableUnitsIgnored() {
        // Unit 12 has one value only; it must not change α.
        #expect(KrippendorffAlpha.pairableUnitCount(Self.reliabilityData) == 11)
        let without = Array(Self.reliabilityData.prefix(11))
        #expect(KrippendorffAlpha.nominal(without) == KrippendorffAlpha.nominal(Self.reliabilityData))
    }

    @Test func binaryTwoCodersByHand() throws {
        // Krippendorff (2011) section A. Coincidences: o00 = 10, o11 = 2, o01 = o10 = 4;
        // n0 = 14, n1 = 6, n = 20. α = 1 − (n − 1)·o01 / (n0·n1) = 1 − 19·4/84 = 0.0952…
        let a: [Int?] = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], b: [Int?] = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let units = zip(a, b).map { [$0, $1] }
        let alpha = try #require(KrippendorffAlpha.nominal(units))
        #expect(abs(alpha - (1 - 19.0 * 4 / 84)) < 1e-12)
    }

    @Test func intervalByHand() throws {
        // Units [1,2] [3,3] [5,4] (two coders). Coincidences: (1,2),(2,1),(5,4),(4,5) one each,
        // (3,3) two. n = 6, values 1,2,3,3,4,5. Dₒ = (1+1+1+1)/6 = 2/3.
        // Dₑ = Σ_{c≠k} n_c n_k (c−k)² / (n(n−1)): sum over ordered pairs of the 6 values of squared
        // differences = 2 · Σ_{i<j} (xᵢ−xⱼ)² = 2 · n · Σ(x−x̄)² = 2·6·10 = 120 → Dₑ = 120/30 = 4.
        // α = 1 − (2/3)/4 = 5/6.
        let units: [[Double?]] = [[1, 2], [3, 3], [5, 4]]
        #expect(abs(try #require(KrippendorffAlpha.interval(units)) - 5.0 / 6) < 1e-12)
    }

    @Test func undefinedCases() {
        #expect(KrippendorffAlpha.nominal([["a", "a"], ["a", "a"]]) == nil, "no variation: Dₑ = 0")
        #expect(KrippendorffAlpha.nominal([["a", nil], [nil, "b"]]) == nil, "nothing pairable")
        #expect(KrippendorffAlpha.nominal([[String?]]()) == nil)
        #expect(KrippendorffAlpha.nominal([["a", "a"], ["b", "b"]]) == 1)
    }

    @Test func bootstrapIntervals() throws {
        let nominal = try #require(KrippendorffAlpha.nominalInterval(Self.reliabilityData,
                                                                     bootstrap: Bootstrap(resamples: 400, seed: 9)))
        #expect(abs(nominal.estimate - 0.743) < 0.0005)
        #expect(nominal.lower <= nominal.estimate && nominal.estimate <= nominal.upper)
        #expect(nominal.lower < nominal.upper)
        let interval = try #require(KrippendorffAlpha.interval(Self.reliabilityData, metric: .interval,
                                                               bootstrap: Bootstrap(resamples: 400, seed: 9)))
        #expect(abs(interval.estimate - 0.849) < 0.0005)
        #expect(interval.lower <= interval.estimate && interval.upper <= 1)
        let again = KrippendorffAlpha.interval(Self.reliabilityData, metric: .interval,
                                               bootstrap: Bootstrap(resamples: 400, seed: 9))
        #expect(again == interval)
    }
}

struct ProportionIntervalTests {
    @Test func wilsonEightOfTen() throws {
        // p = 0.8, z = 1.959964, z²/n = 0.384146: centre = (0.8 + 0.192073)/1.384146 = 0.716740,
        // half = 1.959964·√(0.016 + 0.0096037)/1.384146 = 0.226577 → [0.49016, 0.94332]
        let ci = try #require(ProportionInterval.wilson(successes: 8, total: 10))
        #expect(ci.estimate == 0.8)
        #expect(abs(ci.lower - 0.49016) < 1e-4)
        #expect(abs(ci.upper - 0.94332) < 1e-4)
    }

    @Test func wilsonAtTheEdges() throws {
        let none = try #require(ProportionInterval.wilson(successes: 0, total: 20))
        #expect(none.lower == 0 && none.upper > 0.1 && none.upper < 0.2)   // 3.8415/23.8415 = 0.1611
        #expect(abs(none.upper - 3.841459 / 23.841459) < 1e-4)
        let all = try #require(ProportionInterval.wilson(successes: 20, total: 20))
        #expect(all.upper == 1 && abs(all.lower - 20 / 23.841459) < 1e-4)
        #expect(ProportionInterval.wilson(successes: 1, total: 0) == nil)
        #expect(ProportionInterval.wilson(successes: 5, total: 4) == nil)
    }

    @Test func normalQuantiles() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959964) < 1e-6)
        #expect(abs(NormalDistribution.quantile(0.5)) < 1e-9)
        #expect(abs(NormalDistribution.quantile(0.005) + 2.575829) < 1e-6)
        let ci90 = ProportionInterval.wilson(successes: 8, total: 10, level: 0.9)!
        let ci95 = ProportionInterval.wilson(successes: 8, total: 10)!
        #expect(ci90.upper - ci90.lower < ci95.upper - ci95.lower)
    }
}
