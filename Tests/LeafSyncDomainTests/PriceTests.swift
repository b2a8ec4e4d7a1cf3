import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Prices (R-PRC)")
struct PriceTests {
    static func priced(_ h: inout Harness) {
        h.op(.changeSettings(SettingsChange(syncPrices: true)))
        h.tick()
    }

    @Test("R-PRC-01 R-PRC-02 Distru sale price × units per case is pushed as the LL wholesale price")
    func distruToLeafLink() {
        var h = Harness.world()
        Self.priced(&h)
        h.observe(
            .distruProduct, ID.chocolate,
            json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.250000")).setting(
                "updated_datetime", .s("2026-11-20T18:00:00Z")))
        let cycle = h.tick()
        #expect(cycle.productUpdates.first?.1 == LeafLinkProductChanges(wholesalePrice: money("111.00")), "9.25 × 12")
    }

    @Test("R-PRC-01 R-PRC-02 LL wholesale price ÷ units per case, half-even to the cent, is applied to Distru")
    func leafLinkToDistru() {
        var h = Harness.world()
        Self.priced(&h)
        let p = Fixture.json("leaflink/product-2093.json").setting(
            "wholesale_price", .object(["amount": .n("100.3"), "currency": .s("USD")])
        ).setting("modified", .s("2026-11-20T11:00:00-07:00"))
        h.observe(.leafLinkProduct, "2093", json: p)
        let cycle = h.tick()
        // 100.30 / 12 = 8.358333… → 8.36
        #expect(cycle.salePrices.first?.1 == money("8.36"))
        #expect(money("100.30").dividedRoundingToCent(by: 12) == money("8.36"))
        #expect(money("0.125").dividedRoundingToCent(by: 1) == money("0.12"), "half-even: ties go to the even cent")
        #expect(money("0.135").dividedRoundingToCent(by: 1) == money("0.14"))
        #expect(money("1.00").dividedRoundingToCent(by: 3) == money("0.33"))
    }

    @Test("R-PRC-03 no echo: the pushed value observed back triggers nothing")
    func noEcho() {
        var h = Harness.world()
        Self.priced(&h)
        h.observe(
            .distruProduct, ID.chocolate,
            json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.250000")).setting(
                "updated_datetime", .s("2026-11-20T18:00:00Z")))
        #expect(h.tick().productUpdates.count == 1)
        let echoed = Fixture.json("leaflink/product-2093.json").setting(
            "wholesale_price", .object(["amount": .n("111"), "currency": .s("USD")])
        ).setting("modified", .s("2026-11-20T11:10:00-07:00"))
        h.observe(.leafLinkProduct, "2093", json: echoed)
        let cycle = h.tick()
        #expect(cycle.productUpdates.isEmpty && cycle.salePrices.isEmpty)
        // And the other way round: a price applied to Distru and seen back is not a change.
        let ll = echoed.setting("wholesale_price", .object(["amount": .n("120"), "currency": .s("USD")])).setting(
            "modified", .s("2026-11-20T12:00:00-07:00"))
        h.observe(.leafLinkProduct, "2093", json: ll)
        #expect(h.tick().salePrices.first?.1 == money("10.00"))
        h.observe(
            .distruProduct, ID.chocolate,
            json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("10.000000")).setting(
                "updated_datetime", .s("2026-11-20T19:05:00Z")))
        let quiet = h.tick()
        #expect(quiet.productUpdates.isEmpty && quiet.salePrices.isEmpty)
    }

    @Test("R-PRC-03 both sides changed: the later source timestamp wins and the conflict is recorded")
    func conflict() {
        var h = Harness.world()
        Self.priced(&h)
        // LL changed at 18:30Z, Distru at 18:00Z: LL wins.
        h.observe(
            .distruProduct, ID.chocolate,
            json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.500000")).setting(
                "updated_datetime", .s("2026-11-20T18:00:00Z")))
        h.observe(
            .leafLinkProduct, "2093",
            json: Fixture.json("leaflink/product-2093.json").setting(
                "wholesale_price", .object(["amount": .n("120"), "currency": .s("USD")])
            ).setting("modified", .s("2026-11-20T11:30:00-07:00")))
        let cycle = h.tick()
        #expect(cycle.salePrices.first?.1 == money("10.00"))
        #expect(cycle.productUpdates.isEmpty)
        #expect(
            h.state.explain("distru-product:\(ID.chocolate)").contains {
                $0.hasPrefix("R-PRC-03") && $0.contains("LeafLink is later and wins")
            })
    }

    @Test("R-PRC-04 with the setting off prices never cross")
    func settingOff() {
        var h = Harness.world()
        h.tick()
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.250000")))
        h.observe(
            .leafLinkProduct, "2094",
            json: Fixture.json("leaflink/product-2094.json").setting(
                "wholesale_price", .object(["amount": .n("30"), "currency": .s("USD")])))
        let cycle = h.tick()
        #expect(cycle.salePrices.isEmpty)
        #expect(!cycle.productUpdates.contains { $0.1.wholesalePrice != nil })
    }

    @Test("R-ORD-14 R-PRC-02 the integer per-unit price equals Decimal division rounded half-even, ties and signs included")
    func integerDivisionMatchesDecimal() throws {
        var seed: UInt64 = 0x5eed
        func next(_ bound: UInt64) -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (seed >> 33) % bound
        }
        var checked = 0
        for round in 0..<5_000 {
            let priceText = (round % 7 == 0 ? "-" : "") + "\(next(100_000)).\(String(next(10_000)).leftPadded(to: Int(next(4)) + 1))"
            let caseText = round % 3 == 0 ? "\(next(48) + 1)" : "\(next(48) + 1).\(next(100))"
            let price = try #require(priceText.withPlainParts { DecimalText.plainParts($0) })
            let perCase = try #require(caseText.withPlainParts { DecimalText.plainParts($0) })
            guard perCase.significand > 0 else { continue }
            let fast = try #require(Money.dividedRoundingToCent(price, by: perCase))
            let slow = Money(price.decimal).dividedRoundingToCent(by: perCase.decimal)
            #expect(fast == slow, "\(priceText) / \(caseText)")
            checked += 1
        }
        #expect(checked > 4_900)
        // A line decoded from text takes the integer path and agrees with the tree's Decimal path.
        let line =
            #"{"id":1,"quantity":"2.0000","unit_multiplier":12,"ordered_unit_price":{"amount":100.30,"currency":"USD"},"sale_price":{"amount":0,"currency":"USD"}}"#
        let decoded = try LeafLinkLineItem(json: JSONDocument.parse(Array(line.utf8)).root)
        #expect(decoded.pricePerUnit == money("8.36"))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
    fileprivate func withPlainParts<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = self
        return copy.withUTF8(body)
    }
}
