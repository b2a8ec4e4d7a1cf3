import LeafSyncJSON
import NIOHTTP1

/// Chapters 1–4: connecting, settings, people, products.
extension DemoStory {
    func connect() async throws {
        let e = session.endpoints
        if let key = e.leafLinkWebhookKey {
            try await session.inLeafLink(.PUT, "webhook", ["url": .string(e.service + "webhooks/leaflink"), "key": .string(key)])
        }
        if let secret = e.distruWebhookSecret {
            try await session.inDistru(.PUT, "webhook", ["url": .string(e.service + "webhooks/distru"), "secret": .string(secret)])
        }
        session.act("both simulators now send LeafSync signed webhooks; LeafSync polls them as well")
        try await session.expect("the first fetch of LeafLink and Distru is done (/readyz answers 200)") { () -> Bool? in
            try await session.service("readyz").status == 200 ? true : nil
        }
        try await session.expect("Distru's own links are imported: dark bar ↔ LeafLink 2093, milk bar ↔ 2094") { () -> Bool? in
            let unlinked = try await unlinkedIDs()
            return unlinked.contains(DemoSeed.Product.darkBar) || unlinked.contains(DemoSeed.Product.milkBar) ? nil : true
        }
        let blocked = try await session.expect("LeafLink's orders are read; those that cannot sync yet say why") { () -> Int? in
            let rows = try await session.operate(.GET, "orders").array ?? []
            let waiting = rows.filter { $0["phase"]?.stringValue == "blocked" }
            return waiting.isEmpty ? nil : waiting.count
        }
        session.act("\(blocked) orders wait for a rep mapping or a product link")
    }

    func configure() async throws {
        session.act("operator: default SO location = the warehouse, payment sync on, an error recipient, polls and pushes every second")
        try await session.operate(
            .PATCH, "settings",
            [
                "defaultSalesOrderLocationID": .string(DemoSeed.warehouse), "syncPayments": "true",
                "errorRecipients": .string(DemoSeed.errorRecipient), "orderPollSeconds": "1", "productPollSeconds": "1",
                "inventoryPushSeconds": "1",
            ])
        try await session.expect("the settings read back") { () -> Bool? in
            let rows = try await session.operate(.GET, "settings").array ?? []
            let value = { (key: String) in rows.first { $0["key"]?.stringValue == key }?["value"]?.stringValue }
            return value("syncPayments") == "true" && value("inventoryPushSeconds") == "1" ? true : nil
        }
    }

    func mapReps() async throws {
        session.act("operator: users map \(DemoSeed.User.janeEmail) \(DemoSeed.Rep.mariaEmail); users map \(DemoSeed.User.samEmail) \(DemoSeed.Rep.samEmail)")
        try await session.operate(.POST, "users/map", ["user": .string(DemoSeed.User.janeEmail), "rep": .string(DemoSeed.Rep.mariaEmail)])
        try await session.operate(.POST, "users/map", ["user": .string(DemoSeed.User.samEmail), "rep": .string(DemoSeed.Rep.samEmail)])
        session.act("rep 502 (Dev Patel) is left unmapped on purpose")
        try await session.expect("reps 501 and 503 are mapped, 502 is not") { () -> Bool? in
            let reps = try await session.operate(.GET, "users").array ?? []
            let mapped = Set(reps.filter { $0["mapped"].map { !$0.isNull } ?? false }.compactMap { $0["rep"]?["id"]?.stringValue })
            return mapped == ["\(DemoSeed.Rep.maria)", "\(DemoSeed.Rep.sam)"] ? true : nil
        }
    }

    func linkProducts() async throws {
        session.act("seller in LeafLink: Holiday Sampler Box → Unlimited inventory, Relief Balm → Inherited")
        try await session.inLeafLink(.PATCH, "seller/products/\(DemoSeed.Listing.holidayBox)", ["inventory_management": 2])
        try await session.inLeafLink(.PATCH, "seller/products/\(DemoSeed.Listing.balm)", ["inventory_management": 3])
        let listings = [
            DemoSeed.Listing.gummies, DemoSeed.Listing.blueDream, DemoSeed.Listing.gmoCookies, DemoSeed.Listing.blueDreamPreRoll,
            DemoSeed.Listing.gmoPreRoll, DemoSeed.Listing.tincture, DemoSeed.Listing.balm, DemoSeed.Listing.holidayBox,
        ]
        let suggestions = try await session.expect("LeafSync suggests a Distru product for each of the brand's 8 unlinked listings") { () -> [JSONValue]? in
            let rows = try await session.operate(.GET, "products/suggestions").array ?? []
            let suggested = Set(rows.compactMap { $0["leafLinkProduct"]?.stringValue })
            return listings.allSatisfy { suggested.contains(String($0)) } ? rows : nil
        }
        for listing in listings {
            let row = suggestions.filter { $0["leafLinkProduct"]?.stringValue == String(listing) }.max { ($0["score"]?.intValue ?? 0) < ($1["score"]?.intValue ?? 0) }
            session.act(
                "operator: products accept \(listing)  (\(row?["leafLinkName"]?.stringValue ?? "") ↔ \(row?["distruName"]?.stringValue ?? ""), score \(row?["score"]?.intValue ?? 0), \(row?["reason"]?.stringValue ?? ""))"
            )
            try await session.operate(.POST, "products/accept", ["product": .string(String(listing))])
        }
        session.act(
            "operator: products create-in-leaflink \(DemoSeed.Product.calmTinctureSKU) --brand 49 --category 9 --subcategory 21 --license 2619 (LeafLink's fields for a product Distru has and LeafLink does not)"
        )
        try await session.operate(
            .POST, "products/create-in-leaflink",
            ["product": .string(DemoSeed.Product.calmTinctureSKU), "brand": "49", "category": "9", "subcategory": "21", "license": "2619"])
        let created = try await session.expect("LeafLink lists the calm tincture, created from Distru and linked to it") { () -> Int? in
            let page = try await session.leafLink("products/?sku=\(DemoSeed.Product.calmTinctureSKU)")
            guard let id = page["results"]?.array?.first?["id"]?.intValue else { return nil }
            return try await unlinkedIDs().contains(DemoSeed.Product.calmTincture) ? nil : id
        }
        outcome.update { $0.createdListing = created }
    }

    /// The ids (Distru and LeafLink) of the products not linked yet.
    func unlinkedIDs() async throws -> Set<String> {
        Set((try await session.operate(.GET, "products/unlinked").array ?? []).compactMap { $0["id"]?.stringValue })
    }
}
