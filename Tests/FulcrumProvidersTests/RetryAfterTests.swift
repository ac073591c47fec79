import Foundation
import FulcrumProviders
import Testing

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_784_000_000)

    @Test func parsesDelaySeconds() {
        #expect(RetryAfter.seconds(from: "120", now: now) == 120)
        #expect(RetryAfter.seconds(from: " 0.5 ", now: now) == 0.5)
        #expect(RetryAfter.seconds(from: "0", now: now) == 0)
        #expect(RetryAfter.seconds(from: "-3", now: now) == 0)
    }

    @Test func parsesAllThreeHTTPDateForms() {
        let later = now.addingTimeInterval(90)
        let imf = RetryAfter.httpDate(later)
        #expect(RetryAfter.seconds(from: imf, now: now) == 90)
        // Same instant in RFC 850 and asctime forms: 1_784_000_090 = Tue, 14 Jul 2026 03:34:50 GMT.
        #expect(imf == "Tue, 14 Jul 2026 03:34:50 GMT")
        #expect(RetryAfter.seconds(from: "Tuesday, 14-Jul-26 03:34:50 GMT", now: now) == 90)
        #expect(RetryAfter.seconds(from: "Tue Jul 14 03:34:50 2026", now: now) == 90)
    }

    @Test func pastDateMeansNoWaitAndGarbageIsNil() {
        #expect(RetryAfter.seconds(from: RetryAfter.httpDate(now.addingTimeInterval(-60)), now: now) == 0)
        #expect(RetryAfter.seconds(from: "soon", now: now) == nil)
        #expect(RetryAfter.seconds(from: "", now: now) == nil)
        #expect(RetryAfter.seconds(from: "inf", now: now) == nil)
    }
}
