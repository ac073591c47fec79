import Foundation
import Testing
@testable import FulcrumIncidents

struct StoredListsTests {
    @Test func encodingEscapesOnlyWhatJSONNeedsAndRoundTrips() {
        let list = ["plain é 中", "q\"b\\s", "line\nbreak\ttab\r", "bell\u{07}", ""]
        #expect(StoredLists.encode(list) == #"["plain é 中","q\"b\\s","line\nbreak\ttab\r","bell\u0007",""]"#)
        #expect(StoredLists.decode(StoredLists.encode(list)) == list)
        #expect(StoredLists.encode([]) == "[]")
    }

    @Test func looseListsSplitOnSemicolonsAndBars() {
        #expect(FieldParsing.looseList(" ShopCo ") == ["ShopCo"])
        #expect(FieldParsing.looseList("a; b |c;;") == ["a", "b", "c"])
        #expect(FieldParsing.looseList(#"["x", 2]"#) == ["x", "2"])
        #expect(FieldParsing.looseList("  ").isEmpty && FieldParsing.looseList(nil).isEmpty)
    }
}
