import Foundation
import HTTPClientSupport
import LeafSyncJSON
import LeafSyncTestSupport
import MetrcAPI
import MetrcSimulator
import NIOHTTP1
import Testing

/// Transfers created through the simulator's control surface, as a person would in Metrc.
func createTransfers(
    _ sim: RunningMetrcSimulator, count: Int, license: String = MetrcDemo.mainWarehouse, lastModified: (Int) -> String? = { _ in nil }
)
    async throws -> [Int]
{
    var ids: [Int] = []
    for i in 0..<count {
        var body: JSONObject = [
            "ShipperFacilityLicenseNumber": .string(license), "Name": .string("T-\(i)"),
            "Deliveries": [
                [
                    "RecipientFacilityLicenseNumber": .string(MetrcDemo.goodVibrations),
                    "Packages": [["PackageLabel": .string(MetrcDemo.darkChocolate)]],
                ]
            ],
        ]
        if let t = lastModified(i) { body["LastModified"] = .string(t) }
        ids.append(try #require(try await control(sim, .POST, "/_sim/transfers", .object(body))["Id"]?.intValue))
    }
    return ids
}

/// The outgoing-transfer list calls the simulator received.
func outgoingCalls(_ sim: RunningMetrcSimulator) async throws -> [JSONValue] {
    try await metrcRequests(sim).filter { $0["path"]?.stringValue == "/transfers/v2/outgoing" }
}

@Suite("Metrc client against the simulator")
struct MetrcClientTests {
    @Test("wrong keys: a 401 whose message names the keys to check and holds neither key")
    func wrongKeys() async throws {
        try await withMetrc { sim in
            let wrong = client(for: sim, userKey: "not-the-user-key-123")
            let error = try await #require(throws: APIError.self) { try await wrong.facilities() }
            #expect(error.status == 401)
            let text = error.description
            #expect(text.contains("metrc.user_key") && text.contains("vendor key"))
            #expect(!text.contains("not-the-user-key-123") && !text.contains(MetrcSimulator.defaultVendorKey))
            #expect(!text.contains(Data("\(MetrcSimulator.defaultVendorKey):not-the-user-key-123".utf8).base64EncodedString()))
            #expect(!"\(wrong)".contains("not-the-user-key-123"))
            // The right keys reach both seeded facilities.
            let licences = try await client(for: sim).facilities().map(\.value.license.number)
            #expect(licences == [MetrcDemo.mainWarehouse, MetrcDemo.northVault])
        }
    }

    @Test("facility calls: no licenseNumber is a 400, a licence the keys do not reach a 401")
    func licences() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            let missing = try await #require(throws: APIError.self) { try await c.send(.GET, "transfers/v2/outgoing") }
            #expect(missing.status == 400 && missing.description.contains("licenseNumber"))
            let foreign = try await #require(throws: APIError.self) {
                try await c.send(.GET, "transfers/v2/outgoing", query: [("licenseNumber", "999R-00000")])
            }
            #expect(foreign.status == 401)
        }
    }

    @Test("paging: 45 transfers come back once each over pages of at most 20")
    func paging() async throws {
        try await withMetrc { sim in
            let ids = try await createTransfers(sim, count: 45)
            try await control(sim, .DELETE, "/_sim/requests")
            let now = MetrcTimestamp.now
            let rows = try await client(for: sim).outgoingTransfers(
                licenseNumber: MetrcDemo.mainWarehouse, from: now.moved(by: .seconds(-3600)), to: now.moved(by: .seconds(60)))
            #expect(rows.map(\.value.id) == ids)
            #expect(rows.allSatisfy { $0.value.manifestNumber.count == 10 })
            let calls = try await outgoingCalls(sim)
            #expect(calls.compactMap { $0["query"]?["pageNumber"]?.stringValue } == ["1", "2", "3"])
            #expect(calls.allSatisfy { $0["query"]?["pageSize"]?.stringValue == "20" })
        }
    }

    @Test("a 10-day range is walked in at least 10 windows of at most 24 hours; every transfer is found once")
    func tenDayWalk() async throws {
        try await withMetrc { sim in
            let end = MetrcTimestamp.now
            let start = end.moved(by: .seconds(-10 * 86_400))
            // One transfer per day, the last two hours apart at the day boundaries the windows overlap on.
            let ids = try await createTransfers(sim, count: 10) { i in
                start.moved(by: .seconds(Int64(i) * 86_400 + 3600)).recordText
            }
            try await control(sim, .DELETE, "/_sim/requests")
            let rows = try await client(for: sim).outgoingTransfers(licenseNumber: MetrcDemo.mainWarehouse, from: start, to: end)
            #expect(rows.map(\.value.id).sorted() == ids.sorted())
            let windows = try await outgoingCalls(sim).map { call -> (MetrcTimestamp, MetrcTimestamp) in
                let q = call["query"]
                return (
                    MetrcTimestamp(q?["lastModifiedStart"]?.stringValue ?? "")!, MetrcTimestamp(q?["lastModifiedEnd"]?.stringValue ?? "")!
                )
            }
            #expect(windows.count >= 10)
            #expect(windows.allSatisfy { $0.1.microseconds - $0.0.microseconds <= 86_400_000_000 })
            // The windows cover the range with no gap.
            #expect(windows.first?.0 == start && windows.last?.1 == end)
            for (a, b) in zip(windows, windows.dropFirst()) { #expect(b.0 <= a.1) }
        }
    }

    @Test("the window walk is a value: 10 days make 11 overlapping windows of at most 24 hours")
    func windowsValue() {
        let start = MetrcTimestamp(microseconds: 1_700_000_000_000_000)
        let end = start.moved(by: .seconds(10 * 86_400))
        let windows = Array(MetrcWindows(from: start, to: end, overlap: .seconds(60)))
        #expect(windows.count == 11)
        #expect(windows.allSatisfy { $0.end.microseconds - $0.start.microseconds <= 86_400_000_000 })
        #expect(windows.first?.start == start && windows.last?.end == end)
        #expect(zip(windows, windows.dropFirst()).allSatisfy { $1.start == $0.end.moved(by: .seconds(-60)) })
        #expect(Array(MetrcWindows(from: start, to: start)).count == 1)
    }

    @Test("the simulator refuses a window over 24 hours and a page over 20 with 400, as Metrc does")
    func simulatorRefusesWideWindows() async throws {
        try await withMetrc { sim in
            let c = client(for: sim)
            let end = MetrcTimestamp.now
            let wide = try await #require(throws: APIError.self) {
                try await c.send(
                    .GET, "transfers/v2/outgoing",
                    query: [
                        ("licenseNumber", MetrcDemo.mainWarehouse), ("lastModifiedStart", end.moved(by: .seconds(-86_401)).text),
                        ("lastModifiedEnd", end.text),
                    ])
            }
            #expect(wide.status == 400 && wide.description.contains("cannot be greater than 24 hours"))
            let bigPage = try await #require(throws: APIError.self) {
                try await c.send(.GET, "transfers/v2/outgoing", query: [("licenseNumber", MetrcDemo.mainWarehouse), ("pageSize", "21")])
            }
            #expect(bigPage.status == 400 && bigPage.description.contains("pageSize"))
        }
    }

    @Test("429 with Retry-After: the client waits that long on its clock, then succeeds")
    func retryAfter() async throws {
        try await withMetrc { sim in
            try await control(sim, .POST, "/_sim/faults", ["faults": [["status": 429, "retry_after": 7]]])
            let clock = ManualTestClock()
            let c = client(for: sim, clock: clock)
            let task = Task { try await c.facilities() }
            await clock.sleepers(atLeast: 1)
            #expect(clock.deadlines == [.seconds(7)])
            clock.advance(by: .seconds(7))
            #expect(try await task.value.count == 2)
            #expect(try await metrcRequests(sim).map { $0["status"]?.intValue } == [429, 200])
        }
    }
}
