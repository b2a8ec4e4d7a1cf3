import HTTPClientSupport
import Testing

/// The generic fetch cursor both fetchers log.
@Suite("Fetch cursor")
struct FetchCursorTests {
    typealias Cursor = FetchCursor<TestResource, TestTimestamp>
    func t(_ s: Int64) -> TestTimestamp { TestTimestamp(microseconds: s * 1_000_000) }

    @Test("the next cursor is the earlier of pass start and newest change, minus the overlap")
    func advanceTakesTheEarlierMinusOverlap() {
        #expect(Cursor.advance(from: nil, passStart: t(1000), newestSeen: t(900), overlap: .seconds(120)) == t(780))
        #expect(Cursor.advance(from: nil, passStart: t(1000), newestSeen: nil, overlap: .seconds(120)) == t(880))
        #expect(Cursor.advance(from: nil, passStart: nil, newestSeen: t(500), overlap: .zero) == t(500))
        #expect(Cursor.advance(from: t(42), passStart: nil, newestSeen: nil, overlap: .zero) == t(42))
    }

    @Test("the cursor never moves backwards")
    func neverBackwards() {
        #expect(Cursor.advance(from: t(950), passStart: t(1000), newestSeen: t(900), overlap: .seconds(120)) == t(950))
    }

    @Test("the payload keeps the vendor's filter name and reads back")
    func payloadRoundTrips() throws {
        let cursor = Cursor(resource: .widgets, since: t(1_700_000_000))
        let payload = cursor.payload(filterKey: "changed__gte")
        #expect(String(decoding: payload, as: UTF8.self) == #"{"resource":"widgets","changed__gte":"1700000000"}"#)
        #expect(Cursor(payload: payload, filterKey: "changed__gte") == cursor)
        #expect(Cursor(payload: payload, filterKey: "updated_datetime") == nil)
    }
}
