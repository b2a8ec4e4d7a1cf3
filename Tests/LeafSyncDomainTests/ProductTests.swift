import Foundation
import LeafSyncLog
import Testing

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
        #expect(
            h.observe(.distruProduct, ID.cartridge, file: "distru/product-cartridge.json").keys == ["ll-product-create:\(ID.cartridge)"])
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
        var h0 = Harness.world(linkProducts: false)
        h0.op(.unlinkProduct(distruProductID: ID.chocolate))  // its record names 2093: linked on first connection
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
        let request = LeafLinkProductRequest(
            distruProductID: ID.cartridge, showInventoryToBuyers: true, licenseID: 2619, brandID: 49,
            productLineID: 164, categoryID: 7, subcategoryID: 14, inventoryManagement: 3,
            retailPrice: money("30.00"), minimumOrder: 1, maximumOrder: 100,
            strainClassification: "hybrid", strainIDs: [55])
        let commands = h.op(.createLeafLinkProduct(request))
        let create = try #require(commands.first { $0.key == "ll-product-create:\(ID.cartridge)" })
        guard case .createLeafLinkProduct(let draft) = create.action else { Issue.record("not a create"); return }
        #expect(draft.name == "Blue Dream Vape Cartridge 1g" && draft.sku == "BD-CART-1G")
        #expect(draft.wholesalePrice == money("18.00") && draft.retailPrice == money("30.00"))
        #expect(
            draft.brandID == 49 && draft.productLineID == 164 && draft.categoryID == 7 && draft.subcategoryID == 14
                && draft.licenseID == 2619)
        #expect(draft.inventoryManagement == .inherited && draft.strainIDs == [55] && draft.strainClassification == "hybrid")
        // The draft type has exactly the supported fields (its own and the shared optional ones in
        // `fields`): nothing else can be sent.
        let labels = Set(Mirror(reflecting: draft).children.compactMap(\.label)).subtracting(["fields"])
            .union(Mirror(reflecting: draft.fields).children.compactMap(\.label))
        #expect(
            labels == [
                "distruProductID", "name", "sku", "description", "showInventoryToBuyers", "licenseID", "brandID", "productLineID",
                "categoryID", "subcategoryID", "inventoryManagement", "wholesalePrice", "salePrice", "retailPrice", "minimumOrder",
                "maximumOrder", "strainClassification", "strainIDs", "unit", "sellInMultiples", "unitsPerCase",
            ])
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
        let renamed = Fixture.json("distru/product-chocolate.json").setting("name", .s("Swiss Masters Dark 100mg")).setting(
            "updated_datetime", .s("2026-11-20T18:00:00Z"))
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
        let request = LeafLinkProductRequest(
            distruProductID: ID.chocolate, name: "ignored: Distru owns the name", showInventoryToBuyers: false,
            brandID: 50, inventoryManagement: 2, minimumOrder: 2, strainClassification: "indica")
        #expect(h.op(.updateLeafLinkProductFields(request)).isEmpty)
        let pushed = h.tick().productUpdates
        #expect(pushed.count == 1 && pushed.first?.0 == 2093)
        let settings = pushed.first?.1.settings
        #expect(
            settings?.brandID == 50 && settings?.inventoryManagement == 2 && settings?.showInventoryToBuyers == false
                && settings?.minimumOrder == 2)
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
        h.observe(
            .distruProduct, ID.chocolate,
            json: Fixture.json("distru/product-chocolate.json").setting("unit_price", .s("9.500000")).setting("name", .s("X")))
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
