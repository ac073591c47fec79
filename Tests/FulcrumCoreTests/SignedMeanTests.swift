import FulcrumCore
import Testing

/// The mean of −1/0/+1 labels with its Dirichlet interval, against numpy's (400,000 draws).
@Suite struct SignedMeanTests {
    @Test func intervalsMatchTheDirichletPosterior() throws {
        let bootstrap = Bootstrap(resamples: 20_000)
        // 26 answers that all leave a value at 0: not [0, 0], but about ±0.078.
        let none = try #require(SignedMean.interval(minus: 0, zero: 26, plus: 0, bootstrap: bootstrap))
        #expect(none.estimate == 0 && abs(none.lower + 0.0783) < 0.01 && abs(none.upper - 0.0787) < 0.01, "\(none)")
        // One answer bounds almost nothing; 20 answers all at +1 still leave room below 1.
        let one = try #require(SignedMean.interval(minus: 0, zero: 1, plus: 0, bootstrap: bootstrap))
        #expect(abs(one.lower + 0.707) < 0.02 && abs(one.upper - 0.706) < 0.02, "\(one)")
        let all = try #require(SignedMean.interval(minus: 0, zero: 0, plus: 20, bootstrap: bootstrap))
        #expect(all.estimate == 1 && abs(all.lower - 0.739) < 0.01 && all.upper > 0.99, "\(all)")
        #expect(SignedMean.interval(minus: 0, zero: 0, plus: 0, bootstrap: bootstrap) == nil)
    }

    @Test func onlyLabelsAreCounted() throws {
        let labels = try #require(SignedMean.interval([1, 0, -1, 1], bootstrap: Bootstrap(resamples: 500)))
        #expect(labels.estimate == 0.25)
        #expect(SignedMean.interval([0.5, 1], bootstrap: Bootstrap()) == nil, "not labels: the caller's own interval")
    }
}
