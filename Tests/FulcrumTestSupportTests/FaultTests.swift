import FulcrumTestSupport
import Testing

@Suite struct FaultTests {
    @Test(arguments: [
        ("[[fault:429]]", Fault(kind: .rateLimited(retryAfterSeconds: nil, asDate: false))),
        ("[[fault:429-retry-after=1]]", Fault(kind: .rateLimited(retryAfterSeconds: 1, asDate: false))),
        ("[[fault:429-retry-date=3x2]]", Fault(kind: .rateLimited(retryAfterSeconds: 3, asDate: true), count: 2)),
        ("[[fault:500]]", Fault(kind: .status(500))),
        ("[[fault:500x2]]", Fault(kind: .status(500), count: 2)),
        ("[[fault:malformed]]", Fault(kind: .malformed)),
        ("[[fault:truncated]]", Fault(kind: .truncated)),
        ("[[fault:slow=5000]]", Fault(kind: .slow(milliseconds: 5000))),
        ("[[fault:stall-body=2000]]", Fault(kind: .stallBody(milliseconds: 2000))),
        ("[[fault:drop]]", Fault(kind: .drop)),
        ("[[fault:dropx3]]", Fault(kind: .drop, count: 3)),
    ])
    func parsesMarkersAndRoundTrips(marker: String, fault: Fault) {
        #expect(Fault.parse(in: "Please answer. \(marker) Thanks") == fault)
        #expect(fault.marker == marker)
    }

    @Test func ignoresTextWithoutAWellFormedMarker() {
        #expect(Fault.parse(in: "no marker here") == nil)
        #expect(Fault.parse(in: "[[fault:200]]") == nil, "200 is not a failure")
        #expect(Fault.parse(in: "[[fault:explode]]") == nil)
        #expect(Fault.parse(in: "[[fault:500") == nil)
        #expect(Fault.parse(in: "[[fault:bogus]] then [[fault:503]]") == Fault(kind: .status(503)))
    }
}
