import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

/// Paths relative to the repository root (found from this file's path).
enum Paths {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func scenario(_ name: String) -> URL { repoRoot.appendingPathComponent("data/scenarios/\(name)") }
}

/// Realistic records from `data/scenarios`.
enum Fixture {
    static func bytes(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: Paths.scenario(name).path) else {
            fatalError("missing fixture data/scenarios/\(name)")
        }
        return Array(data)
    }

    static func json(_ name: String) -> JSONValue {
        do { return try JSONParser.parse(bytes(name)) } catch { fatalError("fixture \(name): \(error)") }
    }
}

/// Ids used across the scenario records.
enum ID {
    static let order = "5e3c1f7a-2b4d-4c8e-9a1f-0d2e3f4a5b6c"
    static let medicalOrder = "7b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    static let recreationalOrder = "8c2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a"
    static let chocolate = "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04"
    static let blueDream = "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f50"
    static let promo = "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a61"
    static let ointment = "3f4a5b6c-7d8e-4f9a-0b1c-2d3e4f5a6b72"
    static let cartridge = "4a5b6c7d-8e9f-4a0b-1c2d-3e4f5a6b7c83"
    static let bulkFlower = "5b6c7d8e-9f0a-4b1c-2d3e-4f5a6b7c8d94"
    static let milkChocolate = "6c7d8e9f-0a1b-4c2d-3e4f-5a6b7c8d9ea5"
    static let jane = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
    static let john = "5150"
    static let goodVibrations = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    static let goodVibrationsMoffat = "6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a"
    static let greenLeaf = "9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a"
    static let mainWarehouse = "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    static let storeB = "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e"
    static let tax15 = "c3d4e5f6-a7b8-4c9d-0e1f-2a3b4c5d6e7f"
    static let salesOrder = "0f6a2b8c-1d3e-4f5a-9b7c-8d9e0f1a2b3c"
    static let invoice = "e5f6a7b8-c9d0-4e1f-2a3b-4c5d6e7f8091"
    static let payment = "f6a7b8c9-d0e1-4f2a-3b4c-5d6e7f809102"
    static let customer = 148515
}

extension JSONValue {
    /// A copy with member `key` set (top-level object).
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }

    /// A copy with member `key` of line item `index` (in `line_items`) set.
    func settingLine(_ index: Int, _ key: String, _ value: JSONValue) -> JSONValue {
        guard case .array(var lines) = self["line_items"] ?? .null else { return self }
        lines[index] = lines[index].setting(key, value)
        return setting("line_items", .array(lines))
    }

    /// A copy with `line_items` transformed.
    func mappingLines(_ f: ([JSONValue]) -> [JSONValue]) -> JSONValue {
        setting("line_items", .array(f(self["line_items"]?.array ?? [])))
    }

    static func s(_ text: String) -> JSONValue { .string(text) }
    static func n(_ text: String) -> JSONValue { .number(text) }
}

extension Timestamp {
    static let start = ISO8601.parse("2026-11-20T15:00:00Z")!
    func adding(seconds: Int64) -> Timestamp { Timestamp(microseconds: microseconds + seconds * 1_000_000) }
}

/// Drives the reducer the way the service does: NewEvent → RecordedEvent → DomainEvent → reduce.
struct Harness {
    var state = SyncState()
    var clock = Timestamp.start
    var sequence: UInt64 = 0
    var log: [RecordedEvent] = []
    var emitted: [Command] = []

    @discardableResult
    mutating func feed(_ event: NewEvent) -> [Command] {
        sequence += 1
        if let t = event.recordedAt { clock = max(clock, t) } else { clock = clock.adding(seconds: 60) }
        let recorded = RecordedEvent(
            sequence: sequence, recordedAt: event.recordedAt ?? clock, type: event.type,
            schemaVersion: event.schemaVersion, source: event.source, subject: event.subject,
            causationID: event.causationID, correlationID: event.correlationID, payload: EventPayload(event.payload))
        log.append(recorded)
        let commands = reduce(into: &state, recorded: recorded)
        emitted += commands
        return commands
    }

    @discardableResult
    mutating func observe(_ kind: EventFactory.Observed, _ id: String, file: String) -> [Command] {
        feed(EventFactory.observed(kind, id: id, bytes: Fixture.bytes(file)))
    }

    @discardableResult
    mutating func observe(_ kind: EventFactory.Observed, _ id: String, json: JSONValue) -> [Command] {
        feed(EventFactory.observed(kind, id: id, bytes: json.canonicalBytes))
    }

    @discardableResult
    mutating func inventory(file: String) -> [Command] {
        let row = Fixture.json(file)
        return feed(
            EventFactory.inventoryRow(
                productID: row["product_id"]!.string!, locationID: row["location_id"]!.string!, bytes: Fixture.bytes(file)))
    }

    @discardableResult
    mutating func inventory(product: String, location: String, available: String) -> [Command] {
        let row = JSONValue.object([
            "product_id": .s(product), "location_id": .s(location), "active": .s(available), "reserved": .s("0.000000"),
            "available": .s(available),
        ])
        return feed(EventFactory.inventoryRow(productID: product, locationID: location, bytes: row.canonicalBytes))
    }

    @discardableResult
    mutating func op(_ action: OperatorAction) -> [Command] {
        do {
            return feed(try EventFactory.operatorAction(action))
        } catch {
            Issue.record(error, "the operator action could not be encoded")
            return []
        }
    }

    @discardableResult
    mutating func tick(after seconds: Int64 = 600) -> [Command] {
        clock = clock.adding(seconds: seconds)
        return feed(EventFactory.tick(at: clock))
    }

    @discardableResult
    mutating func succeed(_ command: Command, _ response: JSONValue = .object([:])) -> [Command] {
        feed(EventFactory.commandSucceeded(command, response: response))
    }

    @discardableResult
    mutating func fail(_ command: Command, _ error: String, retryable: Bool = true, status: Int? = nil, kind: String? = nil) -> [Command] {
        feed(EventFactory.commandFailed(command, error: error, retryable: retryable, status: status, kind: kind))
    }

    /// Acknowledges every command in `commands` (an empty response), returning what that caused.
    @discardableResult
    mutating func succeedAll(_ commands: [Command]) -> [Command] {
        var out: [Command] = []
        for c in commands { out += succeed(c) }
        return out
    }

    /// Reference data: users, staff, locations, taxes, companies, the LL customer, products on both
    /// sides and inventory; optionally reps mapped and products linked.
    static func world(mapReps: Bool = true, linkProducts: Bool = true, customer: Bool = true) -> Harness {
        var h = Harness()
        h.op(.changeSettings(SettingsChange(errorRecipients: ["ops@distru-customer.example"])))
        h.observe(.distruUser, ID.jane, file: "distru/user-jane.json")
        h.observe(.distruUser, ID.john, file: "distru/user-john.json")
        h.observe(.leafLinkStaff, "417", file: "leaflink/staff-417.json")
        h.observe(.leafLinkStaff, "13", file: "leaflink/staff-13.json")
        h.observe(.distruLocation, ID.mainWarehouse, file: "distru/location-main.json")
        h.observe(.distruLocation, ID.storeB, file: "distru/location-store-b.json")
        h.observe(.distruTax, ID.tax15, file: "distru/tax-co-15.json")
        h.observe(.distruTax, "d4e5f6a7-b8c9-4d0e-1f2a-3b4c5d6e7f80", file: "distru/tax-co-2-9.json")
        h.observe(.distruCompany, ID.goodVibrations, file: "distru/company-good-vibrations.json")
        h.observe(.distruCompany, ID.greenLeaf, file: "distru/company-green-leaf.json")
        if customer { h.observe(.leafLinkCustomer, "148515", file: "leaflink/customer-148515.json") }
        for id in 2093...2098 { h.observe(.leafLinkProduct, "\(id)", file: "leaflink/product-\(id).json") }
        for (id, file) in [
            (ID.chocolate, "chocolate"), (ID.blueDream, "blue-dream"), (ID.promo, "promo"), (ID.ointment, "ointment"),
            (ID.cartridge, "cartridge"), (ID.bulkFlower, "bulk-flower"), (ID.milkChocolate, "milk-chocolate"),
        ] {
            h.observe(.distruProduct, id, file: "distru/product-\(file).json")
        }
        h.inventory(file: "distru/inventory-chocolate-main.json")
        h.inventory(file: "distru/inventory-chocolate-store-b.json")
        h.inventory(file: "distru/inventory-blue-dream-main.json")
        if mapReps {
            h.op(.mapRep(distruUserID: ID.jane, leafLinkStaffID: 417))
            h.op(.mapRep(distruUserID: ID.john, leafLinkStaffID: 13))
        }
        if linkProducts {
            h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2093))
            h.op(.linkProduct(distruProductID: ID.blueDream, leafLinkProductID: 2094))
            h.op(.linkProduct(distruProductID: ID.promo, leafLinkProductID: 2095))
        }
        h.emitted = []
        return h
    }

    /// The submitted scenario order, optionally changed.
    static func order(_ change: (JSONValue) -> JSONValue = { $0 }) -> JSONValue { change(Fixture.json("leaflink/order-submitted.json")) }

    /// Observes an LL order record.
    @discardableResult
    mutating func observeOrder(_ json: JSONValue) -> [Command] {
        observe(.leafLinkOrder, json["number"]!.string!, json: json)
    }

    /// World + the submitted order observed + its SO created and acknowledged.
    static func synced(_ change: (JSONValue) -> JSONValue = { $0 }) -> Harness {
        var h = world()
        let commands = h.observeOrder(order(change))
        guard let create = commands.first(where: { $0.key.hasPrefix("distru-so-create:") }) else {
            fatalError("no SO create: \(h.state.explain("ll-order:\(ID.order)"))")
        }
        h.succeed(create, Fixture.json("distru/sales-order-create-response.json"))
        h.emitted = []
        return h
    }

    /// The synced SO record as Distru shows it, with `status` (and other fields) changed.
    static func salesOrder(_ change: (JSONValue) -> JSONValue = { $0 }) -> JSONValue {
        change(Fixture.json("distru/sales-order-synced.json"))
    }

    @discardableResult
    mutating func observeSalesOrder(_ json: JSONValue) -> [Command] { observe(.distruOrder, json["id"]!.string!, json: json) }

    var sync: OrderSync { state.orders[ID.order]! }
}

extension Array where Element == Command {
    var keys: [String] { map(\.key) }
    var creates: [SalesOrderDraft] { compactMap { if case .createSalesOrder(let d) = $0.action { d } else { nil } } }
    var updates: [SalesOrderChanges] { compactMap { if case .updateSalesOrder(_, let c) = $0.action { c } else { nil } } }
    var statuses: [DistruOrderStatus] { compactMap { if case .setSalesOrderStatus(_, let s) = $0.action { s } else { nil } } }
    var transitions: [LeafLinkTransition] { compactMap { if case .transitionLeafLinkOrder(_, let t) = $0.action { t } else { nil } } }
    var inventoryPushes: [(Int, Decimal)] {
        compactMap { if case .pushLeafLinkInventory(let id, let q) = $0.action { (id, q) } else { nil } }
    }
    var productUpdates: [(Int, LeafLinkProductChanges)] {
        compactMap { if case .updateLeafLinkProduct(let id, let c) = $0.action { (id, c) } else { nil } }
    }
    var salePrices: [(String, Money)] { compactMap { if case .setDistruSalePrice(let id, let p) = $0.action { (id, p) } else { nil } } }
    var payments: [LeafLinkPaymentDraft] { compactMap { if case .postLeafLinkPayment(let p) = $0.action { p } else { nil } } }
    var emails: [ErrorEmail] { compactMap { if case .sendErrorEmail(let m) = $0.action { m } else { nil } } }
    func without(emails: Bool) -> [Command] { filter { if case .sendErrorEmail = $0.action { !emails } else { true } } }
}

func money(_ text: String) -> Money { Money(text)! }
func dec(_ text: String) -> Decimal { DecimalText.parse(text)! }
