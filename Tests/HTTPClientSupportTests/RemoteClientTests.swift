import HTTPClientSupport
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// The shared client core against a scripted transport: URLs, errors, records and pages.
@Suite("Remote client core")
struct RemoteClientTests {
    func client(_ transport: ScriptedTransport, clock: ManualTestClock = ManualTestClock()) -> RemoteClient<TestVendor> {
        var config = APIConfiguration<TestVendor>(apiKey: "sk-live-SECRET")
        config.retry = RetryPolicy(maxAttempts: 2, baseDelay: .seconds(1), jitter: 0)
        config.pageLimit = 2
        return RemoteClient(configuration: config, httpClient: transport, clock: clock)
    }

    @Test("URLs: relative paths join the base, the vendor's path rule and other hosts are refused")
    func resolve() throws {
        let c = client(ScriptedTransport([]))
        #expect(try c.resolve("widgets/", query: [("q", "a b,c")]) == "https://api.acme.invalid/v1/widgets/?q=a%20b,c")
        #expect(throws: APIError.self) { try c.resolve("../admin/", query: []) }
        #expect(throws: APIError.self) { try c.resolve("https://evil.invalid/v1/widgets/", query: []) }
        #expect(try c.resolve("https://api.acme.invalid/v1/widgets/?page=2", query: []) == "https://api.acme.invalid/v1/widgets/?page=2")
    }

    @Test("a final status is an APIError with the call, the vendor's details and hint, and no key")
    func errorsNameTheCallNotTheKey() async throws {
        let c = client(ScriptedTransport([.answer(404, body: #"{"error": "too small"}"#)]))
        do {
            _ = try await c.record(.GET, "widgets/7/")
            Issue.record("expected a 404")
        } catch let e as APIError {
            #expect(e.status == 404 && e.kind == .http(status: 404))
            #expect(e.call == HTTPCall(service: "Acme", method: "GET", url: "/v1/widgets/7/", attempts: 1))
            #expect(e.details == [APIErrorDetail(message: "too small", pointer: ["widget", "size"])])
            #expect(e.description == "Acme GET /v1/widgets/7/ (1 attempt) answered 404: widget.size: too small (no such widget)")
            #expect(!e.description.contains("SECRET") && !String(describing: c).contains("SECRET"))
        }
    }

    @Test("a body that is not one JSON object is a malformedResponse with an excerpt")
    func malformedRecord() async throws {
        let c = client(ScriptedTransport([.answer(200, body: "[1, 2]")]))
        do {
            _ = try await c.record(.GET, "widgets/7/")
            Issue.record("expected malformedResponse")
        } catch let e as APIError {
            guard case .malformedResponse = e.kind else { Issue.record("got \(e)"); return }
            #expect(e.body == "[1, 2]" && e.service == "Acme")
        }
        let long = APIError.excerpt(Array(repeating: UInt8(ascii: "x"), count: 2000))
        #expect(long.hasSuffix("… (2000 bytes)") && long.count < 600)
    }

    @Test("pages: limit and offset on the first call, next links followed verbatim, a repeated next refused")
    func paging() async throws {
        let next = "https://api.acme.invalid/v1/widgets/?cursor=b"
        let transport = ScriptedTransport([
            .answer(200, body: #"{"count": 3, "items": [{"id": 1}, {"id":2}], "next": "\#(next)"}"#),
            .answer(200, body: #"{"items": [ {"id": 3} ], "next": null}"#),
        ])
        let records = try await client(transport).listAll("widgets/")
        #expect(records.map { String(decoding: $0.bytes, as: UTF8.self) } == [#"{"id": 1}"#, #"{"id":2}"#, #"{"id": 3}"#])
        #expect(transport.urls == ["https://api.acme.invalid/v1/widgets/?limit=2&offset=0", next])

        let looping = ScriptedTransport([
            .answer(200, body: #"{"items": [], "next": "\#(next)"}"#), .answer(200, body: #"{"items": [], "next": "\#(next)"}"#),
        ])
        await #expect(throws: APIError.self) { _ = try await client(looping).listAll("widgets/") }
    }

    @Test("the server's Date header becomes the response's serverDate")
    func serverDate() async throws {
        let transport = ScriptedTransport([.answer(200, headers: [("Date", "Wed, 21 Oct 2015 07:28:00 GMT")], body: "{}")])
        let response = try await client(transport).send(.GET, "widgets/")
        #expect(response.serverDate == TestTimestamp("1445412480"))
    }
}
