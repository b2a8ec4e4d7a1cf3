import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncService
import Testing

@Suite("Operator desk: queries, validated actions, refusals")
struct OperatorDeskTests {
    @Test("R-USR-01: a rep mapped by e-mail shows as mapped; an unmapped rep shows its same-e-mail suggestion")
    func mapByEmail() async throws {
        // A Distru user with Dev Patel's LeafLink e-mail (in other case): the suggestion for rep 502.
        let dev = #"{"id":"dev-user","full_name":"Dev Patel","email":"DEV.PATEL@highlandharvest.example","role":"Sales"}"#
        let tenant = try await OperatorTenant.make(extra: [EventFactory.observed(.distruUser, id: "dev-user", bytes: Array(dev.utf8))])
        let before = try await tenant.desk.users()
        #expect(before.map(\.rep.id) == ["501", "502", "503", "504"])
        #expect(before.allSatisfy { $0.mapped == nil })
        #expect(before.map(\.suggested?.id) == [nil, "dev-user", nil, nil])

        let recorded = try await tenant.desk.mapUser("JANE@seller.example", toRep: "maria.lopez@highlandharvest.example")
        #expect(recorded.refusal == nil)
        let maria = try #require(try await tenant.desk.users().first { $0.rep.id == "501" })
        #expect(maria.mapped?.email == "jane@seller.example")
        #expect(maria.json["mapped"]?["id"] == .string("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"))
        _ = try await tenant.desk.mapUser("dev-user", toRep: "502")
        let dev502 = try #require(try await tenant.desk.users().first { $0.rep.id == "502" })
        #expect(dev502.mapped?.id == "dev-user")
        #expect(dev502.suggested == nil, "a mapped rep has no suggestion")
        await tenant.log.close()
    }

    @Test("Unknown rep, user, product, customer or setting: an OperatorError naming the field, and nothing recorded")
    func unknownsRecordNothing() async throws {
        let tenant = try await OperatorTenant.make()
        let count = try tenant.eventCount()
        await #expect(throws: OperatorError.self) { try await tenant.desk.mapUser("jane@seller.example", toRep: "999") }
        do {
            _ = try await tenant.desk.mapUser("jane@seller.example", toRep: "nobody@example.com")
            Issue.record("an unknown rep was accepted")
        } catch let error as OperatorError {
            #expect(error.field == "rep")
            #expect(error.message.contains("users list"))
        }
        await #expect(throws: OperatorError.self) { try await tenant.desk.mapUser("nobody@seller.example", toRep: "501") }
        await #expect(throws: OperatorError.self) { try await tenant.desk.link("NO-SUCH-SKU", to: "2093") }
        await #expect(throws: OperatorError.self) { try await tenant.desk.link("SWI-BAR-DAR-100", to: "1") }
        await #expect(throws: OperatorError.self) { try await tenant.desk.associate(customer: "1", company: "x") }
        await #expect(throws: OperatorError.self) { try await tenant.desk.setSettings(["syncPrice": "true"]) }
        await #expect(throws: OperatorError.self) { try await tenant.desk.setSettings(["orderPollSeconds": "soon"]) }
        await #expect(throws: OperatorError.self) { try await tenant.desk.retry(key: "no-such-command") }
        await #expect(throws: OperatorError.self) { try await tenant.desk.unlink("PEK-PR-BD-1") }  // never linked
        await tenant.log.close()
        #expect(try tenant.eventCount() == count)
    }

    @Test("R-PRD-01/09: link by SKU and id, a second link of the same LeafLink product is recorded and refused, unlink from the LeafLink side")
    func linkRefuseUnlink() async throws {
        // (The demo seed's chocolate bars are linked at the first fetch from Distru's own records.)
        let tenant = try await OperatorTenant.make()
        let linked = try await tenant.desk.link("PEK-PR-BD-1", to: "2095")
        #expect(linked.refusal == nil)
        #expect(try await !tenant.desk.unlinkedProducts().contains { $0.id == "2095" })
        let refused = try await tenant.desk.link("CLM-TIN-30", to: "2095")
        #expect(refused.refusal?.hasPrefix("R-PRD-01") == true)
        _ = try await tenant.desk.unlink("2095")
        #expect(try await tenant.desk.unlinkedProducts().contains { $0.id == "2095" })
        await tenant.log.close()
    }

    @Test("R-PRD-03: accepting a suggestion links the suggested pair")
    func acceptSuggestion() async throws {
        let tenant = try await OperatorTenant.make()
        _ = try await tenant.desk.unlink("SWI-BAR-MIL-100")  // linked to 2094 at the first fetch, from Distru's record
        let suggestion = try #require(try await tenant.desk.suggestions(for: "SWI-BAR-MIL-100").first)
        #expect(suggestion.leafLinkProduct == "2094")
        _ = try await tenant.desk.accept("SWI-BAR-MIL-100")
        #expect(try await tenant.desk.suggestions(for: "2094").isEmpty)
        await tenant.log.close()
    }

    @Test("R-SET-02: settings set reads keys and values, and settings show gives them back")
    func settingsRoundTrip() async throws {
        let tenant = try await OperatorTenant.make()
        _ = try await tenant.desk.setSettings(["syncPrices": "yes", "orderPollSeconds": "60", "errorRecipients": "a@x.example, b@x.example"])
        let settings = Dictionary(uniqueKeysWithValues: try await tenant.desk.settings().map { ($0.key, $0.value) })
        #expect(settings["syncPrices"] == "true")
        #expect(settings["orderPollSeconds"] == "60")
        #expect(settings["errorRecipients"] == "a@x.example,b@x.example")
        await tenant.log.close()
    }

    @Test("Operator events are named as requests; one written under its former name (operator.rep.mapped, v1) still decodes")
    func formerNamesDecode() throws {
        #expect(try EventFactory.operatorAction(.mapRep(distruUserID: "u", leafLinkStaffID: 7)).type == "operator.rep.map-requested")
        let old = try DomainEvent.decode(
            type: "operator.rep.mapped", schemaVersion: 1, subject: "distru-user:u", time: Timestamp(microseconds: 1),
            payload: EventPayload(Array(#"{"userID":"u","repID":7}"#.utf8)))
        #expect(old.fact == .operatorAction(.mapRep(distruUserID: "u", leafLinkStaffID: 7)))
        let retried = try DomainEvent.decode(
            type: "operator.command.retried", schemaVersion: 1, subject: "command:k", time: Timestamp(microseconds: 1),
            payload: EventPayload(Array(#"{"key":"k"}"#.utf8)))
        #expect(retried.fact == .operatorAction(.retryCommand(key: "k")))
    }
}
