import FulcrumCore
@testable import FulcrumEval
import Testing

@Suite struct ResilienceTests {
    @Test func backoffHonoursRetryAfterAndCapsIt() {
        let backoff = Backoff(baseSeconds: 0.5, capSeconds: 30, maxRetryAfterSeconds: 60)
        #expect(backoff.delay(afterAttempt: 0, error: .rateLimited(retryAfter: 7)) == 7)
        #expect(backoff.delay(afterAttempt: 0, error: .rateLimited(retryAfter: 3600)) == 60)
    }

    @Test func backoffIsFullJitterUnderAnExponentialCeiling() {
        let backoff = Backoff(baseSeconds: 0.5, capSeconds: 30)
        var ceilings: [Double] = []
        for attempt in 0..<8 {
            _ = backoff.delay(afterAttempt: attempt, error: .server(status: 500, body: "")) { range in
                ceilings.append(range.upperBound)
                #expect(range.lowerBound == 0)
                return range.upperBound
            }
        }
        #expect(ceilings == [0.5, 1, 2, 4, 8, 16, 30, 30])
        for _ in 0..<200 {
            let d = backoff.delay(afterAttempt: 3, error: .timeout)
            #expect(d >= 0 && d <= 4)
        }
    }

    @Test func limiterHalvesOnRateLimitsAndRecoversOnSuccess() async {
        let limiter = AdaptiveLimiter(maximum: 8, decreaseInterval: .zero)
        for _ in 0..<8 { #expect(await limiter.acquire()) }
        await limiter.release(rateLimited: true)
        #expect(await limiter.limit == 4)
        await limiter.release(rateLimited: true)
        #expect(await limiter.limit == 2)
        for _ in 0..<6 { await limiter.release(rateLimited: false) }
        #expect(await limiter.inFlight == 0)
        // Additive increase: about one slot per limit's worth of successes, up to the maximum.
        for _ in 0..<200 {
            _ = await limiter.acquire()
            await limiter.release(rateLimited: false)
        }
        #expect(await limiter.limit == 8)
    }

    @Test func oneBurstOf429sHalvesOnce() async {
        let limiter = AdaptiveLimiter(maximum: 8, decreaseInterval: .seconds(60))
        for _ in 0..<8 { _ = await limiter.acquire() }
        for _ in 0..<8 { await limiter.release(rateLimited: true) }
        #expect(await limiter.limit == 4)
    }

    @Test func limiterMakesWaitersQueueAndAdmitsThemInOrder() async throws {
        let limiter = AdaptiveLimiter(maximum: 1)
        #expect(await limiter.acquire())
        let waiter = Task { await limiter.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await limiter.inFlight == 1)
        await limiter.release(rateLimited: false)
        #expect(await waiter.value)
        #expect(await limiter.inFlight == 1)
        // A cancelled waiter leaves without taking a slot.
        let cancelled = Task { await limiter.acquire() }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        #expect(await cancelled.value == false)
        #expect(await limiter.inFlight == 1)
    }

    @Test func progressBarShowsCountsRateAndETA() {
        let s = ProgressSnapshot(total: 100, done: 25, failed: 2, cacheHits: 0, calls: 30, retries: 5, inputTokens: 0,
                                 outputTokens: 0, failuresByCause: [:], elapsed: .seconds(10))
        #expect(s.rate == 2.5)
        #expect(s.etaSeconds == 30)
        #expect(s.bar(width: 8) == "[##------] 25/100  2.5/s  ETA 0:30  errors 2  retries 5")
    }
}
