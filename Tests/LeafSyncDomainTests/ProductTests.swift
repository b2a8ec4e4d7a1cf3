import Foundation
import Testing
import LeafSyncLog
@testable import LeafSyncDomain

@Suite("Products (R-PRD)")
struct ProductTests {
    @Test("R-PRD-01 links are one-to-one; a breaking link is refused with a reason")
    func oneToOne() {
        var h = Harness.world()
        h.op(.linkProduct(distruProductID: ID.milkChocolate, leafLinkProductID: 2093))
        #expect(h.state.links[ID.milkChocolate] == nil)
        #expect(h.state.linkOfLeafLinkProduct[2093] == ID.chocolate)
        let refusal = h.state.refusals["distru-product:\(ID.milkChocolate)"]
        #expect(refusal?.rule == "R-PRD-01")
        #expect(refusal?.text.contains("LeafLink product 2093 is already linked to Distru product \(ID.chocolate)") == true)
    }

    @Test("R-PRD-01 a link requested before both products are fetched completes by itself once they are")
    func waitingLink() {
        var h = Harness()
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2093))
        #expect(h.state.links.isEmpty && h.state.waitingLinks[ID.chocolate] == 2093)
        h.observe(.leafLinkProduct, "2093", file: "leaflink/product-2093.json")
        #expect(h.state.links.isEmpty)
        h.observe(.distruProduct, ID.chocolate, file: "distru/product-chocolate.json")
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2093 && h.state.waitingLinks.isEmpty)
        // A creation requested early waits for the Distru product too.
        h.op(.createLeafLinkProduct(LeafLinkProductRequest(distruProductID: ID.cartridge)))
        #expect(h.observe(.distruProduct, ID.cartridge, file: "distru/product-cartridge.json").keys == ["ll-product-create:\(ID.cartridge)"])
    }

    @Test("R-PRD-02 a link is locked: relinking needs an explicit unlink first")
    func locked() {
        var h = Harness.world()
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2098))
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2093)
        #expect(h.state.refusals["distru-product:\(ID.chocolate)"]?.rule == "R-PRD-02")
        h.op(.unlinkProduct(distruProductID: ID.chocolate))
        h.op(.linkProduct(distruProductID: ID.chocolate, leafLinkProductID: 2098))
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2098)
    }

    @Test("R-PRD-03 suggestions: exact SKU first, then name similarity, same unit type; accepting one links")
    func suggestions() {
        let h0 = Harness.world(linkProducts: false)
        let s = h0.state.productSuggestions()
        let chocolate = s.first { $0.side == .distru && $0.distruProductID == ID.chocolate }
        #expect(chocolate?.leafLinkProductID == 2093 && chocolate?.score == 100)
        let milk = s.first { $0.side == .distru && $0.distruProductID == ID.milkChocolate }
        #expect(milk?.leafLinkProductID == 2098 && (milk?.score ?? 0) >= 50 && (milk?.score ?? 100) < 100, "name similarity")
        let bulk = s.first { $0.side == .distru && $0.distruProductID == ID.bulkFlower }
        #expect(bulk?.leafLinkProductID == 2097, "Gram matches Gram")
        #expect(!s.contains { $0.distruProductID == ID.bulkFlower && $0.leafLinkProductID != 2097 }, "other unit types never suggested")
        #expect(s.contains { $0.side == .leafLink && $0.leafLinkProductID == 2094 && $0.distruProductID == ID.blueDream })
        var h = h0
        h.op(.acceptSuggestion(distruProductID: ID.chocolate, leafLinkProductID: 2093))
        #expect(h.state.links[ID.chocolate]?.leafLinkProductID == 2093)
        #expect(!h.state.productSuggestions().contains { $0.distruProductID == ID.chocolate || $0.leafLinkProductID == 2093 })
    }

    @Test("R-PRD-04 linking to an existing LL product needs the same unit type")
    func unitTypeMustMatch() {
        var h = Harness.world()
        h.op(.linkProduct(distruProductID: ID.cartridge, leafLinkProductID: 2097))
        #expect(h.state.links[ID.cartridge] == nil)
        #expect(h.state.refusals["distru-product:\(ID.cartridge)"]?.rule == "R-PRD-04")
        h.op(.linkProduct(distruProductID: ID.bulkFlower, leafLinkProductID: 2097))
        #expect(h.state.links[ID.bulkFlower] != nil)
    }

    @Test("R-PRD-05 creating an LL product sends only the supported subset and links it")
    func createProduct() throws {
        var h = Harness.world()
        let request = LeafLinkProductRequest(distruProductID: ID.cartridge, showInventoryToBuyers: true, licenseID: 2619, brandID: 49,
                                             productLineID: 164, categoryID: 7, subcategoryID: 14, inventoryManagement: 3,
                                             retailPrice: money("30.00"), minimumOrder: 1, maximumOrder: 100,
                                             strainClassification: "hybrid", strainIDs: [55])
        let commands = h.op(.createLeafLinkProduct(request))
        let create = try #require(commands.first { $0.key == "ll-product-create:\(ID.cartridge)" })
        guard case .createLeafLinkProduct(let draft) = create.action else { Issue.record("not a create"); return }
        #expect(draft.name == "Blue Dream Vape Cartridge 1g" && draft.sku == "BD-CART-1G")
        #expect(draft.wholesalePrice == money("18.00") && draft.retailPrice == money("30.00"))
        #expect(draft.brandID == 49 && draft.productLineID == 164 && draft.categoryID == 7 && draft.subcategoryID == 14 && draft.licenseID == 2619)
        #expect(draft.inventoryManagement == .inherited && draft.strainIDs == [55] && draft.strainClassification == "hybrid")
        // The draft type has exactly the supported fields: nothing else can be sent.
        let labels = Set(Mirror(reflecting: draft).children.compactMap(\.label))
        #expect(labels == ["distruProductID", "name", "sku", "description", "showInventoryToBuyers", "licenseID", "brandID", "productLineID",
                           "categoryID", "subcategoryID", "inventoryManagement", "wholesalePrice", "salePrice", "retailPrice", "minimumOrder",
                           "maximumOrder", "strainClassification", "strainIDs", "unit", "sellInMultiples", "unitsPerCase"])
        let after = h.succeed(create, Fixture.json("leaflink/product-create-response.json"))
        #expect(h.state.links[ID.cartridge]?.leafLinkProductID == 2110)
        #expect(after.inventoryPushes.map(\.0) == [2110], "R-INV-04: inherited pushes once at creation")
    }

    @Test("R-PRD-06 an unsupported Distru unit type (cartridges, litres) becomes Unit")
    func unitMapping() {
        #expect(LeafLinkUnit(distruUnitType: "Cartridge") == .unit)
        #expect(LeafLinkUnit(distruUnitType: "Liter") == .unit)
        #expect(LeafLinkUnit(distruUnitType: "Gram") == .gram)
        #expect(LeafLinkUnit(distruUnitType: "Each") == .unit)
        var h = Harness.world()
        let create = h.op(.createLeafLinkProduct(LeafLinkProductRequest(distruProductID: ID.cartridge)))
        if case .createLeafLinkProduct(let d)? = create.first?.action { #expect(d.unit == .unit) } else { Issue.record("no create") }
        #expect(h.state.explain("distru-product:\(ID.cartridge)").contains { $0.hasPrefix("R-PRD-06") })
    }

    @Test("R-PRD-07 Distru field changes are pushed in the next push cycle; LL-side changes do not overwrite Distru")
    func fieldPush() {
        var h = Harness.world()
        h.tick()
        let renamed = Fixture.json("distru/product-chocolate.json").setting("name", .s("Swiss Masters Dark 100mg")).setting("updated_datetime", .s("2026-11-20T18:00:00Z"))
        #expect(h.observe(.distruProduct, ID.chocolate, json: renamed).productUpdates.isEmpty, "waits for the push cycle")
        let cycle = h.tick()
        #expect(cycle.productUpdates.count == 1)
        #expect(cycle.productUpdates.first?.1 == LeafLinkProductChanges(name: "Swiss Masters Dark 100mg"))
        #expect(h.tick().productUpdates.isEmpty, "pushed once")
        // LL renames its product: nothing goes to Distru.
        let llRenamed = Fixture.json("leaflink/product-2093.json").setting("name", .s("LL name")).setting("sku", .s("LL-SKU"))
        let after = h.observe(.leafLinkProduct, "2093", json: llRenamed) + h.tick()
        #expect(after.salePrices.isEmpty && after.productUpdates.isEmpty)
        #expect(h.state.distruProducts[ID.chocolate]?.name == "Swiss Masters Dark 100mg")
    }

    @Test("R-PRD-07 LeafLink fields edited on a linked Distru product are pushed in the next push cycle")
    func leafLinkTabFields() {
        var h = Harness.world()
        h.tick()
        let request = LeafLinkProductRequest(distruProductID: ID.chocolate, name: "ignored: Distru owns the name", showInventoryToBuyers: false,
                                             brandID: 50, inventoryManagement: 2, minimumOrder: 2, strainClassification: "indica")
        #expect(h.op(.updateLeafLinkProductFields(request)).isEmpty)
        let pushed = h.tick().productUpdates
        #expect(pushed.count == 1 && pushed.first?.0 == 2093)
        let settings = pushed.first?.1.settings
        #expect(settings?.brandID == 50 && settings?.inventoryManagement == 2 && settings?.showInventoryToBuyers == false && settings?.minimumOrder == 2)
        #expect(settings?.name == nil && pushed.first?.1.name == nil)
        #expect(h.tick().productUpdates.isEmpty)
        h.op(.updateLeafLinkProductFields(LeafLinkProductRequest(distruProductID: ID.cartridge, brandID: 1)))
        #expect(h.state.refusals["distru-product:\(ID.cartridge)"]?.rule == "R-PRD-07")
    }

    @Test("R-PRD-08 linked products may keep different names, prices and SKUs")
    func mayDiffer() {
        var h = Harness.world(linkProducts: false)
        h.op(.linkProduct(distruProductID: ID.ointment, leafLinkProductID: 2096))
        #expect(h.state.links[ID.ointment] != nil)
        #expect(h.state.distruProducts[ID.ointment]?.name != h.state.leafLinkProducts[2096]?.name)
        let cycle = h.tick()
        #expect(cycle.productUpdates.isEmpty && cycle.salePrices.isEmpty, "nothing forces them equal")
    }

    @Test("R-PRD-09 unlink removes the link and stops every push for both products")
    func unlinkStopsPushes() {
        var h = Harness.world()
        h.op(.changeSettings(SettingsChange(syncPrices: true)))
        h.tick()
        h.inventory(product: ID.chocolate, location: ID.mainWarehouse, available: "600.000000")
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.500000")).setting("name", .s("X")))
        h.op(.unlinkProduct(distruProductID: ID.chocolate))
        #expect(h.state.links[ID.chocolate] == nil && h.state.linkOfLeafLinkProduct[2093] == nil)
        let cycle = h.tick()
        #expect(!cycle.inventoryPushes.contains { $0.0 == 2093 })
        #expect(!cycle.productUpdates.contains { $0.0 == 2093 })
        #expect(!cycle.salePrices.contains { $0.0 == ID.chocolate })
        #expect(h.state.explain("distru-product:\(ID.chocolate)").contains { $0.hasPrefix("R-PRD-09") }, "history stays")
    }

    @Test("R-PRD-10 linked products projection: LL name and URL, empty when unlinked")
    func linkedProjection() {
        let h = Harness.world()
        let rows = h.state.linkedProducts()
        let chocolate = rows.first { $0.distruProductID == ID.chocolate }
        #expect(chocolate?.leafLinkName == "Swiss Masters Chocolate Bar (Dark)")
        #expect(chocolate?.leafLinkURL == "https://app.leaflink.com/products/2093/")
        let cartridge = rows.first { $0.distruProductID == ID.cartridge }
        #expect(cartridge?.leafLinkName == "" && cartridge?.leafLinkURL == "")
    }
}

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
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.250000")).setting("updated_datetime", .s("2026-11-20T18:00:00Z")))
        let cycle = h.tick()
        #expect(cycle.productUpdates.first?.1 == LeafLinkProductChanges(wholesalePrice: money("111.00")), "9.25 × 12")
    }

    @Test("R-PRC-01 R-PRC-02 LL wholesale price ÷ units per case, half-even to the cent, is applied to Distru")
    func leafLinkToDistru() {
        var h = Harness.world()
        Self.priced(&h)
        let p = Fixture.json("leaflink/product-2093.json").setting("wholesale_price", .object(["amount": .n("100.3"), "currency": .s("USD")])).setting("modified", .s("2026-11-20T11:00:00-07:00"))
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
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.250000")).setting("updated_datetime", .s("2026-11-20T18:00:00Z")))
        #expect(h.tick().productUpdates.count == 1)
        let echoed = Fixture.json("leaflink/product-2093.json").setting("wholesale_price", .object(["amount": .n("111"), "currency": .s("USD")])).setting("modified", .s("2026-11-20T11:10:00-07:00"))
        h.observe(.leafLinkProduct, "2093", json: echoed)
        let cycle = h.tick()
        #expect(cycle.productUpdates.isEmpty && cycle.salePrices.isEmpty)
        // And the other way round: a price applied to Distru and seen back is not a change.
        let ll = echoed.setting("wholesale_price", .object(["amount": .n("120"), "currency": .s("USD")])).setting("modified", .s("2026-11-20T12:00:00-07:00"))
        h.observe(.leafLinkProduct, "2093", json: ll)
        #expect(h.tick().salePrices.first?.1 == money("10.00"))
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("10.000000")).setting("updated_datetime", .s("2026-11-20T19:05:00Z")))
        let quiet = h.tick()
        #expect(quiet.productUpdates.isEmpty && quiet.salePrices.isEmpty)
    }

    @Test("R-PRC-03 both sides changed: the later source timestamp wins and the conflict is recorded")
    func conflict() {
        var h = Harness.world()
        Self.priced(&h)
        // LL changed at 18:30Z, Distru at 18:00Z: LL wins.
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.500000")).setting("updated_datetime", .s("2026-11-20T18:00:00Z")))
        h.observe(.leafLinkProduct, "2093", json: Fixture.json("leaflink/product-2093.json").setting("wholesale_price", .object(["amount": .n("120"), "currency": .s("USD")])).setting("modified", .s("2026-11-20T11:30:00-07:00")))
        let cycle = h.tick()
        #expect(cycle.salePrices.first?.1 == money("10.00"))
        #expect(cycle.productUpdates.isEmpty)
        #expect(h.state.explain("distru-product:\(ID.chocolate)").contains { $0.hasPrefix("R-PRC-03") && $0.contains("LeafLink is later and wins") })
    }

    @Test("R-PRC-04 with the setting off prices never cross")
    func settingOff() {
        var h = Harness.world()
        h.tick()
        h.observe(.distruProduct, ID.chocolate, json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.250000")))
        h.observe(.leafLinkProduct, "2094", json: Fixture.json("leaflink/product-2094.json").setting("wholesale_price", .object(["amount": .n("30"), "currency": .s("USD")])))
        let cycle = h.tick()
        #expect(cycle.salePrices.isEmpty)
        #expect(!cycle.productUpdates.contains { $0.1.wholesalePrice != nil })
    }
}

@Suite("Inventory (R-INV)")
struct InventoryTests {
    @Test("R-INV-01 available = Distru available over the configured locations, or all locations")
    func locations() {
        var h = Harness.world()
        let all = h.tick().inventoryPushes.first { $0.0 == 2093 }
        #expect(all?.1 == 730, "680 + 50")
        h.op(.changeSettings(SettingsChange(inventoryLocationIDs: [ID.mainWarehouse])))
        let main = h.tick().inventoryPushes.first { $0.0 == 2093 }
        #expect(main?.1 == 680)
    }

    @Test("R-INV-02 Managed products are pushed each cycle only when the number differs from what LL shows")
    func managed() {
        var h = Harness.world()
        let first = h.tick()
        #expect(first.inventoryPushes.contains { $0 == (2093, 730) })
        #expect(!first.inventoryPushes.contains { $0.0 == 2094 }, "LL already shows 40")
        #expect(h.tick().inventoryPushes.isEmpty)
        h.inventory(product: ID.chocolate, location: ID.mainWarehouse, available: "650.000000")
        #expect(h.tick(after: 60).inventoryPushes.isEmpty, "not yet a push cycle")
        #expect(h.tick().inventoryPushes.map(\.1) == [700])
    }

    @Test("R-INV-03 Unlimited products ignore Distru inventory")
    func unlimited() {
        var h = Harness.world()
        h.op(.linkProduct(distruProductID: ID.ointment, leafLinkProductID: 2096))
        h.inventory(product: ID.ointment, location: ID.mainWarehouse, available: "77.000000")
        #expect(!h.tick().inventoryPushes.contains { $0.0 == 2096 })
    }

    @Test("R-INV-04 Inherited products get the quantity once, when first linked, never again")
    func inherited() {
        var h = Harness.world()
        let linked = h.op(.linkProduct(distruProductID: ID.bulkFlower, leafLinkProductID: 2097))
        #expect(linked.inventoryPushes.map(\.1) == [1000])
        h.inventory(product: ID.bulkFlower, location: ID.mainWarehouse, available: "400.000000")
        #expect(!h.tick().inventoryPushes.contains { $0.0 == 2097 })
        h.op(.unlinkProduct(distruProductID: ID.bulkFlower))
        #expect(h.op(.linkProduct(distruProductID: ID.bulkFlower, leafLinkProductID: 2097)).inventoryPushes.isEmpty, "first link only")
    }

    @Test("R-INV-05 LL reservations are overwritten by the next push of Distru's number")
    func reservationsOverwritten() {
        var h = Harness.world()
        h.tick()
        // An order fulfilled in LL takes 36 off LL's quantity; Distru did not move.
        h.observe(.leafLinkProduct, "2093", json: Fixture.json("leaflink/product-2093.json").setting("quantity", .s("694.0000")).setting("reserved_qty", .s("0.0000")))
        #expect(h.tick().inventoryPushes.map(\.1) == [730])
    }

    @Test("R-INV-06 negative availability is pushed as 0")
    func negative() {
        var h = Harness.world()
        h.inventory(product: ID.blueDream, location: ID.mainWarehouse, available: "-4.000000")
        #expect(h.tick().inventoryPushes.contains { $0 == (2094, 0) })
        #expect(h.state.explain("ll-product:2094").contains { $0.hasPrefix("R-INV-06") })
    }
}
