import Foundation
import Hummingbird
import NIOHTTP1
import LeafSyncJSON
import LeafSyncService
import LeafSyncTestSupport
import SimulatorSupport
import Testing

/// The admin API over loopback HTTP, on a tenant log made from the demo seeds.
@Suite("Operator admin API over HTTP")
struct OperatorAdminAPITests {
    static let token = "test-admin-token-0123456789"

    /// Serves the admin API for `tenant` on a free loopback port and runs `body` with its base URL.
    func withAdmin<T>(_ tenant: OperatorTenant, _ body: (String) async throws -> T) async throws -> T {
        let router = Router()
        AdminAPI.addRoutes(to: router, desk: tenant.desk, token: Self.token)
        let server = try await serve(router)
        do {
            let result = try await body("http://127.0.0.1:\(server.port)")
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    var auth: [(String, String)] { [("Authorization", "Bearer \(Self.token)")] }

    @Test("401 without a token, with a wrong one, and with a prefix of the right one; 200 with it")
    func bearerToken() async throws {
        let tenant = try await OperatorTenant.make()
        try await withAdmin(tenant) { base in
            #expect(try await rawRequest(base + "/admin/v1/users").status == 401)
            #expect(try await rawRequest(base + "/admin/v1/users", headers: [("Authorization", "Bearer wrong")]).status == 401)
            #expect(try await rawRequest(base + "/admin/v1/users", headers: [("Authorization", "Bearer test-admin")]).status == 401)
            #expect(try await rawRequest(base + "/admin/v1/users", headers: [("Authorization", Self.token)]).status == 401)
            let count = try tenant.eventCount()
            let refused = try await rawRequest(
                base + "/admin/v1/users/map", method: .POST, body: Array(#"{"user":"jane@seller.example","rep":501}"#.utf8))
            #expect(refused.status == 401)
            #expect(try tenant.eventCount() == count, "an unauthorised action records nothing")
            #expect(try await rawRequest(base + "/admin/v1/users", headers: auth).status == 200)
        }
        await tenant.log.close()
    }

    @Test("R-USR-01: map a rep via the API (a number for the rep); users shows it; an unknown rep is 422 naming the field")
    func mapViaAPI() async throws {
        let tenant = try await OperatorTenant.make()
        try await withAdmin(tenant) { base in
            let mapped = try await rawRequest(
                base + "/admin/v1/users/map", method: .POST, headers: auth, body: Array(#"{"user":"jane@seller.example","rep":501}"#.utf8))
            #expect(mapped.status == 200)
            let recorded = try JSONParser.parse(mapped.body)
            #expect(recorded["refusal"] == .null)
            #expect(recorded["first"]?.intValue != nil)

            let users = try JSONParser.parse(try await rawRequest(base + "/admin/v1/users", headers: auth).body)
            let maria = try #require(users.array?.first { $0["rep"]?["id"] == "501" })
            #expect(maria["mapped"]?["email"] == "jane@seller.example")

            let count = try tenant.eventCount()
            let unknown = try await rawRequest(
                base + "/admin/v1/users/map", method: .POST, headers: auth, body: Array(#"{"user":"jane@seller.example","rep":999}"#.utf8))
            #expect(unknown.status == 422)
            #expect(try JSONParser.parse(unknown.body)["error"]?["field"] == "rep")
            #expect(try tenant.eventCount() == count)

            let bad = try await rawRequest(base + "/admin/v1/users/map", method: .POST, headers: auth, body: Array("[1]".utf8))
            #expect(bad.status == 400)
        }
        await tenant.log.close()
    }

    @Test("R-MTC-03: a manual match over the API takes its lines as an object of label arrays; an unknown line is 422 naming it")
    func metrcMatchViaAPI() async throws {
        let tenant = try await OperatorMetrcTests.tenant()
        try await withAdmin(tenant) { base in
            let body = #"{"salesOrder":"SO-001042","transfer":9188201,"lines":{"1":["1A4FF0100000022000001234","1A4FF0100000022000009999"]}}"#
            let answer = try await rawRequest(base + "/admin/v1/metrc/match", method: .POST, headers: auth, body: Array(body.utf8))
            #expect(answer.status == 200)
            let recorded = try JSONParser.parse(answer.body)
            #expect(recorded["summary"]?.stringValue?.contains("2 package(s) on 1 line(s)") == true, "\(recorded)")
            #expect(recorded["refusal"]?.stringValue?.contains("1A4FF0100000022000009999 are not on Metrc transfer") == true, "\(recorded)")

            let count = try tenant.eventCount()
            let unknown = try await rawRequest(
                base + "/admin/v1/metrc/match", method: .POST, headers: auth,
                body: Array(#"{"salesOrder":"SO-001042","transfer":"9188201","lines":{"9":"1A4FF0100000022000001234"}}"#.utf8))
            #expect(unknown.status == 422)
            #expect(try JSONParser.parse(unknown.body)["error"]?["field"] == "line")
            #expect(try tenant.eventCount() == count)
        }
        await tenant.log.close()
    }

    /// The operations the document lists: `METHOD /path` for each method under each path.
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations = Set<String>()
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if !line.hasPrefix(" ") {
                path = nil
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "patch", "put", "delete"].contains(method) { operations.insert("\(method.uppercased()) \(path)") }
            }
        }
        return operations
    }

    @Test("/openapi.yaml is served without a token, is OpenAPI 3.1, and lists exactly the routes; every documented operation answers")
    func openAPIMatchesRoutes() async throws {
        let tenant = try await OperatorTenant.make()
        try await withAdmin(tenant) { base in
            let served = try await rawRequest(base + "/openapi.yaml")
            #expect(served.status == 200)
            let yaml = String(decoding: served.body, as: UTF8.self)
            #expect(yaml.hasPrefix("openapi: 3.1.0"))
            let documented = Self.documentedOperations(yaml)
            #expect(documented.subtracting(["GET /openapi.yaml"]) == Set(AdminAPI.operations))
            #expect(AdminAPI.operations.count == 21)
            for operation in AdminAPI.operations {
                let parts = operation.split(separator: " ")
                let path = parts[1].replacingOccurrences(of: "{order}", with: "d23f0824-128b-4f33-8c5c-7fd0a6a3a450")
                let method: HTTPMethod = parts[0] == "GET" ? .GET : parts[0] == "POST" ? .POST : .PATCH
                let answer = try await rawRequest(base + path, method: method, headers: auth, body: method == .GET ? nil : Array("{}".utf8))
                // Queries answer 200; actions given nothing answer 422 naming what is missing (never 404 or 405).
                #expect(answer.status == (method == .GET ? 200 : 422) || (path == "/admin/v1/orders/d23f0824-128b-4f33-8c5c-7fd0a6a3a450" && answer.status == 422), "\(operation): \(answer.status)")
            }
        }
        await tenant.log.close()
    }
}
