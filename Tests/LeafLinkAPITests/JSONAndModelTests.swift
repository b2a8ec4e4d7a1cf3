import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON
import LeafSyncTestSupport
import Testing

@Suite struct JSONAndModelTests {
    @Test("slices each result exactly as received") func slicesEachResultExactlyAsReceived() throws {
        let body = Array(
            #"{"count": 2, "next": null, "previous": null, "results": [ {"a": 1.50, "b": "x\"}"} ,{"c":[1,{"d":null}]}]}"#.utf8)
        let scan = try JSONParser.scanTopLevel(body, arrayKey: "results")
        let elements = try #require(scan.elements)
        #expect(elements.map { String(decoding: body[$0], as: UTF8.self) } == [#"{"a": 1.50, "b": "x\"}"}"#, #"{"c":[1,{"d":null}]}"#])
    }

    @Test("a bare array is one page") func aBareArrayIsOnePage() throws {
        let page = try LeafLinkPage(
            response: .init(status: 200, body: Array(" [{\"id\": 1}, {\"id\": 2}]".utf8), call: .init(method: "GET", url: "/", attempts: 1))
        )
        #expect(page.records.map { String(decoding: $0.bytes, as: UTF8.self) } == [#"{"id": 1}"#, #"{"id": 2}"#])
        #expect(page.next == nil && page.count == 2)
    }

    @Test("configuration never shows the key") func configurationNeverShowsTheKey() {
        let config = LeafLinkConfiguration(apiKey: "ll-secret-key-123")
        let client = LeafLinkClient(configuration: config)
        for text in ["\(config)", String(reflecting: config), "\(client)", String(reflecting: client)] {
            #expect(!text.contains("ll-secret-key-123"))
        }
    }

    @Test("rejects malformed JSON") func rejectsMalformedJSON() {
        for text in [#"{"results": [1, 2"#, #"{"a" 1}"#, "[1,]", #"{"a": tru}"#, #"{"a": 01}"#, #"{"a": 1} x"#] {
            #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.scanTopLevel(Array(text.utf8), arrayKey: "results") }
        }
    }

    @Test("keeps number text and key order") func keepsNumberTextAndKeyOrder() throws {
        let v = try JSONParser.parse(#"{"z": 210.40, "a": [true, null, "é\n"], "m": -0.5e3}"#)
        #expect(v.text == #"{"z":210.40,"a":[true,null,"é\n"],"m":-0.5e3}"#)
    }

    @Test("money is exact decimal from number or string") func moneyIsExactDecimalFromNumberOrString() throws {
        let d = LeafLinkClient.decoder
        let a = try d.decode(LeafLinkMoney.self, from: Data(#"{"amount": 210.4, "currency": "USD"}"#.utf8))
        let b = try d.decode(LeafLinkMoney.self, from: Data(#"{"amount": "210.40", "currency": "USD"}"#.utf8))
        let c = try d.decode(LeafLinkMoney.self, from: Data(#"{"amount": 0.1}"#.utf8))
        #expect(a.amount.value == Decimal(string: "210.4"))
        #expect(a.amount == b.amount)
        #expect(c.amount.value + c.amount.value + c.amount.value == Decimal(string: "0.3"))
        let big = try d.decode(LeafLinkDecimal.self, from: Data("12345678901234.5678".utf8))
        #expect(big.value == Decimal(string: "12345678901234.5678"))
    }

    @Test("timestamps parse and format exactly") func timestampsParseAndFormatExactly() throws {
        let t = try #require(LeafLinkTimestamp("2020-06-10T15:15:03.776119-06:00"))
        let utc = try #require(LeafLinkTimestamp("2020-06-10T21:15:03.776119Z"))
        #expect(t == utc)
        #expect(LeafLinkTimestamp.format(t.microseconds) == "2020-06-10T21:15:03.776119+00:00")
        #expect(
            LeafLinkTimestamp("2020-06-10T21:15:03Z")!.microseconds == LeafLinkTimestamp("2020-06-10T21:15:03.000000+00:00")!.microseconds)
        #expect(LeafLinkTimestamp("2020-13-10T21:15:03Z") == nil)
        #expect(LeafLinkTimestamp.format(0) == "1970-01-01T00:00:00.000000+00:00")
    }

    @Test("quantity text has four places") func quantityTextHasFourPlaces() {
        #expect(LeafLinkClient.quantityText(24) == "24.0000")
        #expect(LeafLinkClient.quantityText(Decimal(string: "1.5")!) == "1.5000")
    }
}
