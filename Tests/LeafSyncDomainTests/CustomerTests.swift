import Foundation
import LeafSyncJSON
import LeafSyncLog
import Testing

@testable import LeafSyncDomain

@Suite("Customers (R-CUS)")
struct CustomerTests {
    @Test("R-CUS-01 first order: a unique license match links the customer")
    func licenseMatch() {
        var h = Harness.world()
        #expect(h.state.customerAssociations[ID.customer] == nil)
        #expect(h.observeOrder(Harness.order()).creates.first?.companyID == ID.goodVibrations)
        #expect(h.state.customerAssociations[ID.customer] == ID.goodVibrations)
        #expect(h.state.explain("ll-customer:\(ID.customer)").contains { $0.hasPrefix("R-CUS-01") && $0.contains("license") })
    }

    @Test("R-CUS-01 without a license match: unique name plus street and zip links; name alone or ambiguity does not")
    func nameAndAddress() {
        let noLicense = Fixture.json("leaflink/customer-148515.json").setting("license_number", .s("402R-77777"))
        var byAddress = Harness.world(customer: false)
        byAddress.observe(.leafLinkCustomer, "148515", json: noLicense)
        #expect(byAddress.observeOrder(Harness.order()).creates.first?.companyID == ID.goodVibrations)

        var nameOnly = Harness.world(customer: false)
        nameOnly.observe(.leafLinkCustomer, "148515", json: noLicense.setting("address", .s("1 Elsewhere Rd")))
        let draft = nameOnly.observeOrder(Harness.order()).creates.first
        #expect(draft != nil && draft?.companyID == nil)
        #expect(nameOnly.state.customerAssociations[ID.customer] == nil)

        var ambiguous = Harness.world(customer: false)
        let twin = Fixture.json("distru/company-good-vibrations.json").setting("id", .s("twin-company"))
        ambiguous.observe(.distruCompany, "twin-company", json: twin)
        ambiguous.observe(.leafLinkCustomer, "148515", file: "leaflink/customer-148515.json")
        #expect(ambiguous.observeOrder(Harness.order()).creates.first?.companyID == nil, "two companies share the license")
    }

    @Test("R-CUS-02 with several company locations billing and shipping stay empty")
    func severalLocations() {
        var h = Harness.world()
        h.op(.associateCustomer(leafLinkCustomerID: ID.customer, distruCompanyID: ID.greenLeaf))
        let d = h.observeOrder(Harness.order()).creates.first
        #expect(d?.companyID == ID.greenLeaf)
        #expect(d?.billingLocationID == nil && d?.shippingLocationID == nil)
    }

    @Test("R-CUS-03 an SO created without customer: the customer set in Distru is associated for later orders")
    func setLater() {
        var h = Harness.world(customer: false)
        let create = h.observeOrder(Harness.order()).first { $0.key.hasPrefix("distru-so-create") }!
        if case .createSalesOrder(let d) = create.action { #expect(d.companyID == nil) }
        h.succeed(create, Fixture.json("distru/sales-order-create-response.json"))
        h.observeSalesOrder(
            Harness.salesOrder { $0.setting("company", .object(["id": .s(ID.greenLeaf), "name": .s("Green Leaf Collective")])) })
        #expect(h.state.customerAssociations[ID.customer] == ID.greenLeaf)
        let next = h.observe(.leafLinkOrder, ID.medicalOrder, json: Fixture.json("leaflink/order-medical-part.json"))
        #expect(next.creates.first?.companyID == ID.greenLeaf)
    }

    @Test("R-CUS-04 changing the customer of a synced SO re-associates for future orders; earlier SOs keep theirs")
    func changeCustomer() {
        var h = Harness.synced()
        #expect(h.sync.sent?.companyID == ID.goodVibrations)
        let changed = h.observeSalesOrder(
            Harness.salesOrder { $0.setting("company", .object(["id": .s(ID.greenLeaf), "name": .s("Green Leaf Collective")])) })
        #expect(h.state.customerAssociations[ID.customer] == ID.greenLeaf)
        #expect(changed.updates.isEmpty, "the SO itself is not touched")
        let next = h.observe(.leafLinkOrder, ID.medicalOrder, json: Fixture.json("leaflink/order-medical-part.json"))
        #expect(next.creates.first?.companyID == ID.greenLeaf)
        #expect(!h.emitted.contains { if case .updateSalesOrder = $0.action { true } else { false } }, "no earlier SO is rewritten")
    }

    @Test("R-CUS-05 the operator can set or correct the association at any time")
    func operatorAssociation() {
        var h = Harness.world()
        h.op(.associateCustomer(leafLinkCustomerID: ID.customer, distruCompanyID: ID.greenLeaf))
        #expect(h.observeOrder(Harness.order()).creates.first?.companyID == ID.greenLeaf)
        h.op(.associateCustomer(leafLinkCustomerID: ID.customer, distruCompanyID: ID.goodVibrations))
        #expect(h.state.customerAssociations[ID.customer] == ID.goodVibrations)
        // Also when set on the Distru company ("LeafLink Customer" field).
        var fromDistru = Harness.world()
        fromDistru.observe(
            .distruCompany, ID.greenLeaf, json: Fixture.json("distru/company-green-leaf.json").setting("leaflink_customer_id", .n("148515"))
        )
        #expect(fromDistru.state.customerAssociations[ID.customer] == ID.greenLeaf)
    }

    @Test("R-CUS-06 the engine never creates or pre-fills a Distru company from LL data")
    func noPrefill() {
        var h = Harness.world(customer: false)
        let commands = h.observeOrder(
            Harness.order { $0.setting("customer", .object(["id": .n("999001"), "display_name": .s("Brand New Shop")])) })
        #expect(commands.creates.first?.companyID == nil)
        for c in commands {
            switch c.action {
            case .createSalesOrder, .sendErrorEmail: break
            default: Issue.record("unexpected command \(c.key)")
            }
        }
        #expect(h.state.companies.count == 2)
    }
}
