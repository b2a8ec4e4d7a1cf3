import Foundation
import LeafSyncJSON
public import LeafSyncLog

/// Generates realistic log events from the sample records in `data/samples/`: LeafLink orders
/// and products, Distru inventory rows, products and sales orders, and command outcomes, in the
/// proportions a running tenant produces them, with varied ids, prices, quantities and dates.
///
/// Deterministic for a seed, so every benchmark run (and the baseline in it) sees the same bytes.
public struct RealisticWorkload: Sendable {
    public let samplesDirectory: String
    private let llOrder: JSONTemplate
    private let llLineItem: JSONTemplate
    private let llProduct: JSONTemplate
    private let distruInventory: JSONTemplate
    private let distruProduct: JSONTemplate
    private let distruOrder: JSONTemplate

    /// The sample records shipped in the repository (`data/samples`), found from this source file.
    public static var defaultSamplesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/samples").path
    }

    public init(samplesDirectory: String = RealisticWorkload.defaultSamplesDirectory) throws {
        self.samplesDirectory = samplesDirectory
        func load(_ name: String, _ holes: [String], adding extra: [String] = []) throws -> JSONTemplate {
            let path = samplesDirectory + "/" + name
            guard var data = FileManager.default.contents(atPath: path) else {
                throw TemplateError("cannot read sample record \(path); pass the samples directory (data/samples)")
            }
            if !extra.isEmpty, case .object(var members) = try JSONParser.parse(Array(data)) {
                for key in extra { members[key] = .null }
                data = Data(JSONValue.object(members).serialized())
            }
            return try JSONTemplate(sample: data, holes: holes)
        }
        // Orders embed their line items (`include_children=line_items`), as the fetcher asks for them.
        llOrder = try load(
            "leaflink/order.json",
            [
                "number", "short_id", "order_number", "order_short_number", "customer.id", "status", "total.amount",
                "payment_balance", "credits", "created_on", "modified", "sales_reps.0.id", "buyer", "line_items",
            ], adding: ["line_items"])
        llLineItem = try load(
            "leaflink/line-item.json",
            [
                "id", "order", "product", "quantity", "ordered_unit_price.amount", "wholesale_price.amount", "position",
            ])
        llProduct = try load(
            "leaflink/product.json",
            [
                "id", "sku", "quantity", "reserved_qty", "wholesale_price.amount", "available_inventory", "modified", "last_edit",
            ])
        distruInventory = try load("distru/inventory-row.json", ["product_id", "location_id", "active", "reserved", "available"])
        distruProduct = try load(
            "distru/product.json", ["id", "sku", "unit_price", "quantity_available", "leaflink_product_id", "updated_datetime"])
        distruOrder = try load(
            "distru/sales-order.json",
            [
                "id", "order_number", "status", "total", "updated_datetime", "leaflink_id", "leaflink_order_number",
                "items.0.quantity", "items.0.price", "items.0.leaflink_id",
            ])
    }

    /// `count` events, deterministic for `seed`.
    public func events(count: Int, seed: UInt64 = 42) -> [NewEvent] {
        var random = SplitMix64(seed: seed)
        var events: [NewEvent] = []
        events.reserveCapacity(count)
        let start = Self.start
        for index in 0..<count {
            let time = Timestamp(microseconds: start + Int64(index) * 600_000)
            if index > 0, index % Self.eventsPerPushCycle == 0 {
                // The scheduler's tick every 10 minutes (1,000 events apart): a push cycle (R-INV-02).
                events.append(
                    NewEvent(
                        type: "engine.tick", source: "engine", subject: "scheduler", recordedAt: time,
                        payload: Array(#"{"atMicros":\#(time.microseconds)}"#.utf8)))
            } else {
                events.append(event(index: index, time: time, random: &random))
            }
        }
        return events
    }

    /// How many products, orders in flight, customers, reps and inventory locations the tenant has.
    public static let products = 400, orders = 5_000, customers = 300, reps = 12, locations = 3

    /// The LL product id, Distru product id, LL customer id, LL rep id and Distru location id the
    /// generated records use, so a caller can set the tenant up (users mapped, products linked).
    public static func leafLinkProductID(_ n: Int) -> Int { 2_000 + n }
    public static func distruProductID(_ n: Int) -> String { uuid(0x22, n) }
    public static func leafLinkCustomerID(_ n: Int) -> Int { 140_000 + n }
    public static func leafLinkRepID(_ n: Int) -> Int { 10 + n }
    public static func distruLocationID(_ n: Int) -> String { uuid(0x33, n) }

    /// Events are 0.6 s apart, so a tick every 1,000 events is the 10-minute push cycle.
    static let eventsPerPushCycle = 1_000
    static let start: Int64 = 1_795_000_000_000_000  // 2026-11-18, microseconds

    /// The time of the last push-cycle tick before event `index`.
    static func pushCycleTime(before index: Int, start: Int64) -> Int64 {
        start + Int64(max(1, index / eventsPerPushCycle) * eventsPerPushCycle) * 600_000
    }

    private static let orderStatuses = ["Submitted", "Accepted", "Fulfilled", "Shipped", "Complete", "Backorder"]
    private static let soStatuses = ["PENDING", "PROCESSING", "READY_TO_SHIP", "DELIVERING", "COMPLETED"]

    private func event(index: Int, time: Timestamp, random: inout SplitMix64) -> NewEvent {
        let roll = Int(random.next() % 100)
        // 400 products in 3 locations, 5,000 orders in flight.
        let product = Int(random.next() % UInt64(Self.products))
        let order = Int(random.next() % UInt64(Self.orders))
        let stamp = Self.isoTime(time.microseconds)
        switch roll {
        case 0..<25:
            let number = Self.uuid(0x11, order)
            let total = Self.money(Int(random.next() % 900_000) + 5_000)
            let lines = (0..<Int(order % 3 + 1)).map { position in
                let price = Self.money(Int((UInt64(order) &* 7 &+ UInt64(position) &* 13) % 20_000) + 100)
                return String(
                    decoding: llLineItem.render([
                        "id": .number(String(4_800_000 + order * 3 + position)), "order": .string(number),
                        "product": .number(String(2_000 + (order &* 31 &+ position &* 17) % Self.products)),
                        "quantity": .string("\(Int(random.next() % 24) + 1).0000"),
                        "ordered_unit_price.amount": .string(price), "wholesale_price.amount": .string(price),
                        "position": .number(String(position)),
                    ]), as: UTF8.self)
            }
            let payload = llOrder.render([
                "line_items": .raw("[" + lines.joined(separator: ",") + "]"),
                "number": .string(number), "short_id": .string(String(number.suffix(8))),
                "order_number": .string(number), "order_short_number": .string(String(number.suffix(8))),
                "customer.id": .number(String(Self.leafLinkCustomerID(order % Self.customers))),
                "status": .string(Self.orderStatuses[Int(random.next() % 6)]),
                "total.amount": .number(total), "payment_balance": .number(total),
                "credits": .string(Self.money(Int(random.next() % 50_000))),
                "created_on": .string(stamp), "modified": .string(stamp),
                "sales_reps.0.id": .number(String(Self.leafLinkRepID(order % Self.reps))), "buyer": .number(String(6_000 + order % 300)),
            ])
            return NewEvent(
                type: "leaflink.order.observed", source: "leaflink", subject: "ll-order:\(number)", recordedAt: time, payload: payload)
        case 25..<40:
            let id = 2_000 + product
            let quantity = Int(random.next() % 2_000)
            let reserved = Int(random.next() % 200)
            let payload = llProduct.render([
                "id": .number(String(id)), "sku": .string("SKU-\(id)"),
                "quantity": .string("\(quantity).0000"), "reserved_qty": .string("\(reserved).0000"),
                "wholesale_price.amount": .number(Self.money(Int(random.next() % 20_000) + 100)),
                "available_inventory": .number(String(quantity - reserved)),
                "modified": .string(stamp), "last_edit": .string(stamp),
            ])
            return NewEvent(
                type: "leaflink.product.observed", source: "leaflink", subject: "ll-product:\(id)", recordedAt: time, payload: payload)
        case 40..<75:
            let productID = Self.uuid(0x22, product)
            let locationID = Self.distruLocationID(Int(random.next() % UInt64(Self.locations)))
            let active = Int(random.next() % 3_000)
            let reserved = Int(random.next() % 300)
            let payload = distruInventory.render([
                "product_id": .string(productID), "location_id": .string(locationID),
                "active": .string("\(active).000000"), "reserved": .string("\(reserved).000000"),
                "available": .string("\(active - reserved).000000"),
            ])
            return NewEvent(
                type: "distru.inventory.observed", source: "distru", subject: "distru-inventory:\(productID):\(locationID)",
                recordedAt: time, payload: payload)
        case 75..<85:
            let productID = Self.uuid(0x22, product)
            let payload = distruProduct.render([
                "id": .string(productID), "sku": .string("SKU-\(2_000 + product)"),
                "unit_price": .string(Self.money(Int(random.next() % 2_000) + 100) + "0000"),
                "quantity_available": .string("\(random.next() % 3_000).000000"),
                "leaflink_product_id": .number(String(2_000 + product)), "updated_datetime": .string(stamp),
            ])
            return NewEvent(
                type: "distru.product.observed", source: "distru", subject: "distru-product:\(productID)", recordedAt: time,
                payload: payload)
        case 85..<95:
            let orderID = Self.uuid(0x44, order)
            let number = Self.uuid(0x11, order)
            let payload = distruOrder.render([
                "id": .string(orderID), "order_number": .string("SO-\(100_000 + order)"),
                "status": .string(Self.soStatuses[Int(random.next() % 5)]),
                "total": .string(Self.money(Int(random.next() % 900_000) + 5_000) + "0000"),
                "updated_datetime": .string(stamp), "leaflink_id": .string(number),
                "leaflink_order_number": .string(String(number.suffix(8))),
                "items.0.quantity": .string("\(random.next() % 100 + 1).000000"),
                "items.0.price": .string(Self.money(Int(random.next() % 2_000) + 100) + "0000"),
                "items.0.leaflink_id": .number(String(4_800_000 + index)),
            ])
            return NewEvent(
                type: "distru.order.observed", source: "distru", subject: "distru-order:\(orderID)", recordedAt: time, payload: payload)
        default:
            // The dispatcher's outcome of an inventory push of the last push cycle (R-INV-02).
            let id = 2_000 + product
            let quantity = random.next() % 2_000
            let cycle = Self.pushCycleTime(before: index, start: Self.start)
            let payload = Array(
                #"{"key":"ll-inventory:\#(id)@\#(cycle)","response":{"command":"leaflink.product.set-quantity","product":\#(id),"quantity":"\#(quantity).0000","http_status":200,"duration_ms":\#(random.next() % 900 + 40)}}"#
                    .utf8)
            return NewEvent(
                type: "engine.command.succeeded", source: "engine", subject: "ll-product:\(id)", recordedAt: time,
                causationID: UInt64(max(1, index)), correlationID: "push-cycle-\(cycle)", payload: payload)
        }
    }

    /// A stable UUID-shaped id for (kind, n).
    static func uuid(_ kind: UInt8, _ n: Int) -> String {
        var random = SplitMix64(seed: UInt64(kind) << 32 | UInt64(n))
        let a = random.next(), b = random.next()
        let hex = String(format: "%016llx%016llx", a, b)
        let chars = Array(hex)
        return
            "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-a\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }

    /// Cents as a decimal amount, e.g. 12345 → "123.45".
    static func money(_ cents: Int) -> String {
        let remainder = cents % 100
        return "\(cents / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }

    /// ISO-8601 with microseconds and a -06:00 offset, as LeafLink writes them.
    static func isoTime(_ microseconds: Int64) -> String {
        let shifted = microseconds - 6 * 3_600_000_000
        let description = Timestamp(microseconds: shifted).description  // …Z in UTC
        return String(description.dropLast()) + "-06:00"
    }
}
