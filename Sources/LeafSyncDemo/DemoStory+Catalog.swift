import Foundation
import LeafSyncJSON
import NIOHTTP1

/// Chapters 5–6: inventory and prices.
extension DemoStory {
    func pushInventory() async throws {
        let holidayBefore = try await leafLinkQuantity(DemoSeed.Listing.holidayBox)
        try await session.expect("Managed: LeafLink shows Distru's 600 gummies; Inherited: the balm's 200, pushed once at the link") { () -> Bool? in
            let gummies = try await leafLinkQuantity(DemoSeed.Listing.gummies)
            let balm = try await leafLinkQuantity(DemoSeed.Listing.balm)
            return gummies == 600 && balm == 200 ? true : nil
        }
        session.act("Distru user receives stock: 120 gummies, 50 balms, 12 holiday boxes")
        for (product, delta) in [(DemoSeed.Product.gummies, 120), (DemoSeed.Product.balm, 50), (DemoSeed.Product.sameSKU(as: DemoSeed.Listing.holidayBox), 12)] {
            try await session.inDistru(
                .POST, "inventory", ["product_id": .string(product), "location_id": .string(DemoSeed.warehouse), "delta": .int(delta)])
        }
        try await session.expect("Managed: the next push cycle sets LeafLink's gummies to 720") { () -> Bool? in
            try await leafLinkQuantity(DemoSeed.Listing.gummies) == 720 ? true : nil
        }
        let balm = try await leafLinkQuantity(DemoSeed.Listing.balm)
        let holiday = try await leafLinkQuantity(DemoSeed.Listing.holidayBox)
        guard balm == 200, holiday == holidayBefore else {
            throw DemoError("Inherited and Unlimited products must not follow Distru: balm \(balm ?? -1) (want 200), holiday box \(holiday ?? -1) (want \(holidayBefore ?? -1))")
        }
        session.act("Inherited: the balm stays at 200 in LeafLink; Unlimited: the holiday box stays at \(holidayBefore.map { "\($0)" } ?? "?")")
    }

    func syncPrices() async throws {
        session.act("operator: settings set syncPrices=true (from now on, never retroactively)")
        try await session.operate(.PATCH, "settings", ["syncPrices": "true"])
        session.act("Distru user: gummies sale price $8.00 → $8.50 (LeafLink sells them in cases of 12)")
        try await session.inDistru(.PATCH, "products/\(DemoSeed.Product.gummies)", ["unit_price": "8.50"])
        try await session.expect("LeafLink's gummies wholesale price is $102.00 a case (8.50 × 12)") { () -> Bool? in
            try await session.leafLink("products/\(DemoSeed.Listing.gummies)/")["wholesale_price"]?.decimal == 102 ? true : nil
        }
        session.act("seller in LeafLink: dark bar wholesale price $108.00 → $114.00 a case of 12")
        try await session.inLeafLink(.PATCH, "seller/products/\(DemoSeed.Listing.darkBar)", ["wholesale_price": 114])
        try await session.expect("Distru's dark bar sale price is $9.50 (114 ÷ 12)") { () -> Bool? in
            try await session.distru("products/\(DemoSeed.Product.darkBar)")["unit_price"]?.decimal == Decimal(string: "9.5") ? true : nil
        }
    }

    /// LeafLink's on-hand quantity of a product.
    func leafLinkQuantity(_ listing: Int) async throws -> Decimal? {
        try await session.leafLink("products/\(listing)/")["quantity"]?.decimal
    }
}
