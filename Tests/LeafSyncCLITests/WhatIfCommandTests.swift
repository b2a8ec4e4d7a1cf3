import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

/// `leafsync what-if settings set …` run as the operator runs it, on a log written with `leafsync log append`.
@Suite("leafsync what-if")
struct WhatIfCommandTests {
    static let leafsync = Products.executable("leafsync")
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/scenarios").path
    static let chocolate = "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04"
    static let main = "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    static let storeB = "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e"

    /// A tenant whose log has LeafLink product 2093, the Distru chocolate bar naming it (a link
    /// imported on first connection), the main warehouse, and the bar's stock in two locations.
    static func tenant() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory("what-if")
        let events: [(type: String, source: String, subject: String, file: String)] = [
            ("leaflink.product.observed", "leaflink", "ll-product:2093", "leaflink/product-2093.json"),
            ("distru.product.observed", "distru", "distru-product:\(chocolate)", "distru/product-chocolate.json"),
            ("distru.location.observed", "distru", "distru-location:\(main)", "distru/location-main.json"),
            ("distru.inventory.observed", "distru", "distru-inventory:\(chocolate):\(main)", "distru/inventory-chocolate-main.json"),
            ("distru.inventory.observed", "distru", "distru-inventory:\(chocolate):\(storeB)", "distru/inventory-chocolate-store-b.json"),
        ]
        for e in events {
            let result = try runCommand(
                leafsync,
                ["log", "append", directory.sub("log"), "--type", e.type, "--source", e.source, "--subject", e.subject, scenarios + "/" + e.file])
            #expect(result.status == 0, "\(result.stderr)")
        }
        return directory
    }

    @Test("R-INV-01 inventory_location_ids: the next push of the imported link carries the main warehouse's quantity; nothing is appended")
    func inventoryLocations() throws {
        let tenant = try Self.tenant()
        let before = try EventLogReader(directory: tenant.sub("log")).lastSequence()
        let result = try runCommand(
            Self.leafsync, ["what-if", "--dir", tenant.path, "settings", "set", "inventory_location_ids=\(Self.main)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("~ changed  leaflink-product:2093  pushLeafLinkInventory  R-INV-02"), "\(result.stdout)")
        #expect(result.stdout.contains(#"before: {"kind":"pushLeafLinkInventory","leafLinkProductID":2093,"quantity":"730"}"#))
        #expect(result.stdout.contains(#"after:  {"kind":"pushLeafLinkInventory","leafLinkProductID":2093,"quantity":"680"}"#))
        #expect(result.stdout.contains("1 command(s) would differ: 0 added, 1 changed, 0 dropped"))

        let json = try runCommand(
            Self.leafsync, ["what-if", "settings", "set", "inventory_location_ids=\(Self.main)", "--dir", tenant.path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let line = try #require(json.stdout.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "changed" && object["target"] as? String == "leaflink-product:2093")
        #expect(try EventLogReader(directory: tenant.sub("log")).lastSequence() == before, "what-if appends nothing")
    }

    @Test("a bad key, a bad value or an unknown location is refused, naming what is accepted, and nothing is appended")
    func refusals() throws {
        let tenant = try Self.tenant()
        let before = try EventLogReader(directory: tenant.sub("log")).lastSequence()
        let key = try runCommand(Self.leafsync, ["what-if", "--dir", tenant.path, "settings", "set", "sync_price=true"])
        #expect(key.status != 0)
        #expect(key.stderr.contains("unknown setting \"sync_price\"") && key.stderr.contains("sync_prices"), "\(key.stderr)")
        let value = try runCommand(Self.leafsync, ["what-if", "--dir", tenant.path, "settings", "set", "sync_prices=maybe"])
        #expect(value.status != 0 && value.stderr.contains("true or false"), "\(value.stderr)")
        let location = try runCommand(Self.leafsync, ["what-if", "--dir", tenant.path, "settings", "set", "inventory_location_ids=nowhere"])
        #expect(location.status != 0 && location.stderr.contains("unknown Distru location nowhere"), "\(location.stderr)")
        #expect(location.stderr.contains(Self.main))
        let none = try runCommand(Self.leafsync, ["what-if", "--dir", tenant.path, "settings", "set", "sync_prices=false"])
        #expect(none.status == 0 && none.stdout.contains("no command would differ"), "\(none.stdout)\(none.stderr)")
        #expect(try EventLogReader(directory: tenant.sub("log")).lastSequence() == before)
    }
}
