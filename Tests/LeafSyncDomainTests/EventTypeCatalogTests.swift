import Foundation
import Testing

@testable import LeafSyncDomain

/// The event type catalog (`EventType.all`, `knownVersions(of:)`) that `leafsync log append` checks against.
@Suite("Event type catalog")
struct EventTypeCatalogTests {
    @Test("every type name declared in EventType.swift is in EventType.all, with its versions 1 through current")
    func everyDeclaredTypeIsListed() throws {
        let source = try String(
            contentsOf: Paths.repoRoot.appendingPathComponent("Sources/LeafSyncDomain/Events/EventType.swift"), encoding: .utf8)
        let declared = source.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #"public static let \w+ = ""#, options: .regularExpression) else { return nil }
            return line[range.upperBound...].split(separator: "\"").first.map(String.init)
        }
        #expect(declared.count >= 30)
        for type in declared {
            #expect(EventType.all.contains(type), "\(type) is declared but not in EventType.all")
        }
        #expect(Set(EventType.all).count == EventType.all.count)
        #expect(EventType.knownVersions(of: EventType.repMapped) == 1...2)
        #expect(EventType.knownVersions(of: "operator.rep.mapped") == 1...2, "a former name reads as the current one")
        #expect(EventType.knownVersions(of: "distru.product.deleted") == 1...1)
        #expect(EventType.knownVersions(of: "leaflink.order.observd") == nil)
    }

    @Test("the nearest known name: a typo or a swap of two letters finds it; a far name finds none")
    func nearestName() {
        let keys = ["base_url", "api_key", "webhook_key", "port"]
        #expect(NearestName.suggestion(for: "base_ulr", among: keys) == "base_url")
        #expect(NearestName.suggestion(for: "API_KEY", among: keys) == "api_key")
        #expect(NearestName.suggestion(for: "webhok_key", among: keys) == "webhook_key")
        #expect(NearestName.suggestion(for: "colour", among: keys) == nil)
        #expect(NearestName.hint(for: "prot", among: keys) == " (did you mean port?)")
        #expect(NearestName.hint(for: "xyz", among: keys) == "")
    }
}
