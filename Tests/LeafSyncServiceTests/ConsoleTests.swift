import Foundation
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport
import Testing

/// The operator console over loopback HTTP, on a tenant log made from the demo seeds.
@Suite("Operator console")
struct ConsoleTests {
    static let jane = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"

    @Test("Without a session every page, and every action, answers 303 to the sign-in page; nothing recorded")
    func noSession() async throws {
        let tenant = try await OperatorTenant.make()
        try await ConsoleClient.with(tenant) { client in
            for path in [
                "/console/orders", "/console/users", "/console/settings", "/console/connection", "/console/orders/123", "/console",
            ] {
                let answer = try await client.call(path)
                #expect(answer.status == 303, "\(path)")
                #expect(answer.location == "/console/sign-in", "\(path)")
            }
            client.cookie = "leafsync_session=0123456789abcdef"
            let count = try tenant.eventCount()
            let action = try await client.call("/console/users/map", form: [("csrf", "x"), ("user", Self.jane), ("rep", "501")])
            #expect(action.status == 303)
            #expect(action.location == "/console/sign-in")
            #expect(try tenant.eventCount() == count)
        }
        await tenant.log.close()
    }

    @Test("A forged leafsync_session (random, the signed-in one altered or extended, the visitor's before sign-in, empty) is 303 to sign-in on a page and on an action; nothing recorded; the real one still works")
    func forgedSession() async throws {
        let tenant = try await OperatorTenant.make()
        try await ConsoleClient.with(tenant) { client in
            _ = try await client.call("/console/sign-in")
            let visitor = try #require(client.cookie)
            try await client.signIn()
            let real = try #require(client.cookie)
            #expect(real.hasPrefix("leafsync_session=") && real != visitor)
            let value = String(real.dropFirst("leafsync_session=".count))
            let altered = String(value.dropLast()) + (value.last == "0" ? "1" : "0")
            let forgeries = [
                "leafsync_session=" + (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined(),
                "leafsync_session=" + altered, "leafsync_session=" + value + "00", "leafsync_session=" + value.prefix(value.count / 2),
                visitor, "leafsync_session=",
            ]
            let count = try tenant.eventCount()
            for forged in forgeries {
                client.cookie = forged
                let page = try await client.call("/console/orders")
                #expect(page.status == 303 && page.location == "/console/sign-in", "\(forged): \(page.status)")
                client.cookie = forged
                let action = try await client.call("/console/users/map", form: [("csrf", client.csrf ?? ""), ("user", Self.jane), ("rep", "501")])
                #expect(action.status == 303 && action.location == "/console/sign-in", "\(forged): \(action.status)")
            }
            #expect(try tenant.eventCount() == count, "a forged session recorded something")
            client.cookie = real
            #expect(try await client.call("/console/orders").status == 200)
        }
        await tenant.log.close()
    }

    @Test(
        "Sign-in: a wrong token is 401 with an alert; the admin token is 303 to the orders with an HttpOnly, SameSite=Strict cookie on /console"
    )
    func signIn() async throws {
        let tenant = try await OperatorTenant.make()
        try await ConsoleClient.with(tenant) { client in
            let form = try await client.call("/console/sign-in")
            #expect(form.status == 200)
            #expect(form.body.contains(#"<form id="sign-in" method="post" action="/console/sign-in">"#))
            #expect(form.body.contains(#"<label for="token">Admin token</label>"#))
            #expect(form.body.contains(#"<input id="token" name="token" type="password""#))
            let visitorCookie = try #require(form.setCookie)
            #expect(!visitorCookie.contains("Secure"), "plain HTTP: no Secure attribute")

            let wrong = try await client.call("/console/sign-in", form: [("csrf", client.csrf ?? ""), ("token", "test-admin-token")])
            #expect(wrong.status == 401)
            #expect(wrong.body.contains(#"<p class="form-error" role="alert">"#))
            #expect(try await client.call("/console/orders").status == 303, "a wrong token signs nobody in")

            let noCSRF = try await client.call("/console/sign-in", form: [("token", ConsoleClient.token)])
            #expect(noCSRF.status == 403)

            _ = try await client.call("/console/sign-in")
            let right = try await client.call("/console/sign-in", form: [("csrf", client.csrf ?? ""), ("token", ConsoleClient.token)])
            #expect(right.status == 303)
            #expect(right.location == "/console/orders")
            let cookie = try #require(right.setCookie)
            let attributes = Set(cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(cookie.hasPrefix("leafsync_session="))
            #expect(attributes.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/console"]), "\(cookie)")
            #expect(!attributes.contains("Secure"))
            #expect(cookie != visitorCookie, "signing in starts a new session")
            #expect(try await client.call("/console/orders").status == 200)

            // Behind a TLS proxy the cookie is Secure.
            var tls = client
            tls.cookie = nil
            _ = try await tls.call("/console/sign-in", headers: [("X-Forwarded-Proto", "https")])
            let secure = try await tls.call(
                "/console/sign-in", form: [("csrf", tls.csrf ?? ""), ("token", ConsoleClient.token)],
                headers: [("X-Forwarded-Proto", "https")])
            #expect(secure.status == 303)
            #expect(secure.setCookie?.contains("; Secure") == true)
        }
        await tenant.log.close()
    }

    @Test("A form posted without its CSRF token, or with another, is 403 naming it, and nothing is recorded")
    func csrf() async throws {
        let tenant = try await OperatorTenant.make()
        try await ConsoleClient.with(tenant) { client in
            try await client.signIn()
            _ = try await client.call("/console/users")
            let count = try tenant.eventCount()
            let missing = try await client.call("/console/users/map", form: [("user", Self.jane), ("rep", "501")])
            #expect(missing.status == 403)
            #expect(missing.body.contains(#"<p class="form-error" role="alert">"#))
            #expect(missing.body.contains("CSRF token is missing"))
            let other = try await client.call(
                "/console/users/map", form: [("csrf", String(repeating: "0", count: 64)), ("user", Self.jane), ("rep", "501")])
            #expect(other.status == 403)
            #expect(other.body.contains("CSRF token is invalid"))
            let settings = try await client.call("/console/settings", form: [("orderPollSeconds", "120")])
            #expect(settings.status == 403)
            #expect(try tenant.eventCount() == count)
        }
        await tenant.log.close()
    }

    @Test("R-USR-01: mapping a rep through the console records the event the CLI's desk records, and the page shows it")
    func mapRep() async throws {
        let viaConsole = try await OperatorTenant.make()
        let viaCLI = try await OperatorTenant.make()
        try await ConsoleClient.with(viaConsole) { client in
            try await client.signIn()
            let users = try await client.call("/console/users")
            #expect(users.body.contains(#"<tr data-rep="501">"#))
            #expect(users.body.contains(#"<form class="map-rep inline" method="post" action="/console/users/map">"#))
            #expect(
                users.body.contains(#"<option value="\#(Self.jane)">Jane Doe &lt;jane@seller.example&gt;</option>"#),
                "Distru users to choose from")
            let mapped = try await client.post("/console/users/map", [("rep", "501"), ("user", Self.jane)])
            #expect(mapped.status == 303)
            #expect(mapped.location == "/console/users")
            let after = try await client.call("/console/users")
            #expect(after.body.contains(#"<p class="notice" role="status">recorded at log sequence"#))
            #expect(after.body.contains(#"<form class="unmap-rep inline""#))

            let unknown = try await client.post("/console/users/map", [("rep", "999"), ("user", Self.jane)])
            #expect(unknown.status == 422)
            #expect(unknown.body.contains(#"<p class="form-error" role="alert">Not recorded: rep: no LeafLink rep"#))
        }
        _ = try await viaCLI.desk.mapUser(Self.jane, toRep: "501")
        let console = try #require(try viaConsole.lastEvent())
        let cli = try #require(try viaCLI.lastEvent())
        #expect(console.type == cli.type)
        #expect(console.subject == cli.subject)
        #expect(console.payload == cli.payload)
        await viaConsole.log.close()
        await viaCLI.log.close()
    }

    @Test("A value holding <script> (a customer's name) is escaped by the template engine")
    func escaping() async throws {
        let seed = try JSONParser.parse(Array(try Data(contentsOf: Paths.leafLinkDemo.appendingPathComponent("customers.json"))))
        guard case .object(var customer)? = seed.array?.first else { Issue.record("no seed customer"); return }
        customer["id"] = .number("990001")
        customer["name"] = .string(#"<script>alert("x")</script> & Co"#)
        let event = EventFactory.observed(
            .leafLinkCustomer, id: "990001", bytes: JSONWriter.compactBytes(.object(customer)), at: Timestamp(microseconds: 2_000_000))
        let tenant = try await OperatorTenant.make(extra: [event])
        try await ConsoleClient.with(tenant) { client in
            try await client.signIn()
            let page = try await client.call("/console/customers")
            #expect(page.status == 200)
            #expect(page.body.contains(#"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"#))
            #expect(!page.body.contains("<script>"))
        }
        await tenant.log.close()
    }

    @Test(
        "R-SET-02: a bad setting is 422 with its error beside the field and nothing recorded; a preview records nothing; a good one is recorded"
    )
    func settings() async throws {
        let tenant = try await OperatorTenant.make()
        try await ConsoleClient.with(tenant) { client in
            try await client.signIn()
            let page = try await client.call("/console/settings")
            #expect(page.body.contains(#"<form id="settings" method="post" action="/console/settings">"#))
            #expect(page.body.contains(#"<label for="setting-orderPollSeconds">orderPollSeconds</label>"#))
            let count = try tenant.eventCount()
            let bad = try await client.post("/console/settings", [("orderPollSeconds", "soon"), ("save", "1")])
            #expect(bad.status == 422)
            #expect(bad.body.contains(#"<p class="field-error" id="error-orderPollSeconds">"#))
            #expect(bad.body.contains(#"aria-describedby="error-orderPollSeconds""#))
            #expect(bad.body.contains(#"value="soon""#), "the value given is kept in the field")
            #expect(!bad.body.contains(#"id="error-productPollSeconds""#))
            #expect(try tenant.eventCount() == count)

            let preview = try await client.post("/console/settings", [("orderPollSeconds", "120"), ("preview", "1")])
            #expect(preview.status == 200)
            #expect(preview.body.contains(#"<section id="what-if""#))
            #expect(try tenant.eventCount() == count)

            let good = try await client.post("/console/settings", [("orderPollSeconds", "120"), ("syncPrices", "false"), ("save", "1")])
            #expect(good.status == 303)
            #expect(try tenant.eventCount() == count + 1)
            let after = try await client.call("/console/settings")
            #expect(after.body.contains("settings orderPollSeconds=120"), "only the changed setting is recorded")
        }
        await tenant.log.close()
    }

    @Test("Every page answers 200 with lang, the console nav, main#main and one h1, and its contract table")
    func pages() async throws {
        let tenant = try await OperatorTenant.make()
        try await ConsoleClient.with(tenant) { client in
            try await client.signIn()
            let tables = [
                "orders": #"<table id="orders">"#, "users": #"<table id="reps">"#, "products": #"<table id="suggestions""#,
                "customers": #"<table id="customers">"#, "settings": #"<form id="settings""#, "errors": #"<table id="errors">"#,
                "commands": #"<table id="commands">"#, "connection": #"<table id="remotes">"#,
            ]
            for (page, table) in tables {
                let answer = try await client.call("/console/\(page)")
                #expect(answer.status == 200, "\(page)")
                #expect(answer.body.contains(#"<html lang="en">"#), "\(page)")
                #expect(answer.body.contains(#"<nav aria-label="Console">"#), "\(page)")
                #expect(answer.body.contains(#"<main id="main">"#), "\(page)")
                #expect(answer.body.components(separatedBy: "<h1>").count == 2, "\(page)")
                #expect(answer.body.contains(#"<meta name="viewport""#), "\(page)")
                #expect(answer.body.contains(table), "\(page)")
            }
            let products = try await client.call("/console/products")
            #expect(products.body.contains(#"<table id="unlinked""#) && products.body.contains(#"<table id="linked""#))
            #expect(products.body.contains(#"<form class="accept inline" method="post" action="/console/products/accept">"#))
            let unknown = try await client.call("/console/orders/no-such-order")
            #expect(unknown.status == 404)
            #expect(unknown.body.contains(#"role="alert""#))
        }
        await tenant.log.close()
    }
}

extension ConsoleTests {
    /// The demo seed's order `number` as the fetcher logs it (with its line items), as an event.
    static func orderEvent(_ number: String) throws -> NewEvent {
        func load(_ file: String) throws -> [JSONValue] {
            try JSONParser.parse(Array(try Data(contentsOf: Paths.leafLinkDemo.appendingPathComponent(file)))).array ?? []
        }
        guard case .object(var order)? = try load("orders-received.json").first(where: { $0["number"] == .string(number) }) else {
            throw OperatorError(field: "order", message: "no seed order \(number)")
        }
        order["line_items"] = .array(try load("line-items.json").filter { $0["order"] == .string(number) })
        return EventFactory.observed(
            .leafLinkOrder, id: number, bytes: JSONWriter.compactBytes(.object(order)), at: Timestamp(microseconds: 2_000_000))
    }

    @Test(
        "R-ORD-01: a blocked order lists each blocker with its fix linked to the page that fixes it; its page shows its timeline from the log"
    )
    func blockedOrder() async throws {
        let number = "36f675cc-81e7-4ef5-a8e2-5d940ed90475"
        let tenant = try await OperatorTenant.make(extra: [try Self.orderEvent(number)])
        try await ConsoleClient.with(tenant) { client in
            try await client.signIn()
            let orders = try await client.call("/console/orders")
            let row = try #require(
                orders.body.components(separatedBy: #"<tr data-order="\#(number)">"#).dropFirst().first?.components(separatedBy: "</tr>")
                    .first)
            #expect(row.contains(#"<td class="status">Accepted</td>"#))
            #expect(row.contains(#"<td class="phase">blocked</td>"#))
            #expect(row.contains(#"<td class="so"></td>"#))
            #expect(row.contains(#"<li>rep 502 (Dev Patel) is not mapped to a Distru user · fix: <a href="/console/users">"#), "\(row)")
            #expect(row.contains(#"<a href="/console/products">link the LeafLink product to a Distru product</a>"#), "\(row)")

            let page = try await client.call("/console/orders/\(number)")
            #expect(page.status == 200)
            let timeline = try #require(
                page.body.components(separatedBy: #"<ol id="timeline">"#).dropFirst().first?.components(separatedBy: "</ol>").first)
            #expect(timeline.contains(#"<span class="rule">R-ORD-01</span>"#), "\(timeline)")
            #expect(timeline.contains(#"<span class="sequence">#"#))
            #expect(timeline.contains("leaflink.order.observed"), "each step names the event that caused it")
        }
        await tenant.log.close()
    }
}

extension ConsoleTests {
    @Test("R-PRD-03: accepting a suggestion through the console links the pair, and the products page then lists it as linked")
    func acceptSuggestion() async throws {
        let tenant = try await OperatorTenant.make()
        let suggestion = try #require(try await tenant.desk.suggestions().first)
        try await ConsoleClient.with(tenant) { client in
            try await client.signIn()
            let page = try await client.call("/console/products")
            #expect(page.body.contains(#"<tr data-leaflink-product="\#(suggestion.leafLinkProduct)""#))
            let accepted = try await client.post(
                "/console/products/accept", [("product", suggestion.leafLinkProduct), ("distruProduct", suggestion.distruProduct)])
            #expect(accepted.status == 303)
            #expect(accepted.location == "/console/products")
            let after = try await client.call("/console/products")
            #expect(after.body.contains(#"<p class="notice" role="status">recorded at log sequence"#))
            let linked = try #require(after.body.components(separatedBy: #"<table id="linked""#).last)
            #expect(linked.contains(#"data-leaflink-product="\#(suggestion.leafLinkProduct)""#))
        }
        await tenant.log.close()
    }
}
