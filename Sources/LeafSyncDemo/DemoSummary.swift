import Foundation
import LeafSyncJSON

/// What changed in each simulator, read back through their public APIs at the end of the story.
public struct DemoSummary: Sendable {
    public var leafLink: [String] = []
    public var distru: [String] = []

    public static func read(_ session: DemoSession, _ outcome: DemoStory.Outcome) async throws -> DemoSummary {
        var summary = DemoSummary()
        let orders = try await session.leafLink("orders-received/?limit=500")["results"]?.array ?? []
        let byStatus = Dictionary(grouping: orders) { $0["status"]?.stringValue ?? "?" }.mapValues(\.count)
        summary.leafLink.append("orders by status: " + byStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let tagged = orders.filter { ($0["external_ids"]?.object?.isEmpty == false) }.count
        summary.leafLink.append("\(tagged) orders carry their Distru SO number in external_ids")
        if let listing = outcome.createdListing {
            summary.leafLink.append("product \(listing) created from Distru's \(DemoSeed.Product.calmTinctureSKU)")
        }
        var quantities: [String] = []
        for listing in [DemoSeed.Listing.gummies, DemoSeed.Listing.balm, DemoSeed.Listing.holidayBox] {
            let product = try await session.leafLink("products/\(listing)/")
            quantities.append("\(product["name"]?.stringValue ?? "\(listing)") \(product["quantity"]?.decimal.map { "\($0)" } ?? "?")")
        }
        summary.leafLink.append("on hand: " + quantities.joined(separator: "; "))
        let payments = try await session.leafLink("orders-received/\(DemoSeed.Order.goodVibrations)/payments/").array ?? []
        summary.leafLink.append("payments on order \(DemoSeed.Order.goodVibrations.suffix(8)): \(payments.compactMap { $0["total"]?.decimal.map { "\($0)" } }.joined(separator: ", "))")

        let salesOrders = try await session.distru("orders?page[size]=500").array ?? []
        let ours = salesOrders.filter { so in outcome.salesOrders.values.contains(so["id"]?.stringValue ?? "") || so["leaflink_id"].map { !$0.isNull } == true }
        let soStatus = Dictionary(grouping: ours) { $0["status"]?.stringValue ?? "?" }.mapValues(\.count)
        summary.distru.append(
            "\(ours.count) sales orders from LeafLink orders: " + soStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let numbers = ours.compactMap { $0["order_number"]?.stringValue }.sorted()
        if let first = numbers.first, let last = numbers.last { summary.distru.append("SO numbers \(first) … \(last)") }
        if let rejected = outcome.rejected, let so = outcome.salesOrders[rejected] {
            summary.distru.append("SO \(so.prefix(8)) deleted by the operator (LeafLink order \(rejected.suffix(8)) rejected)")
        }
        let dark = try await session.distru("products/\(DemoSeed.Product.darkBar)")
        summary.distru.append("dark bar sale price \(dark["unit_price"]?.decimal.map { "\($0)" } ?? "?") (from LeafLink's wholesale price)")
        return summary
    }
}
