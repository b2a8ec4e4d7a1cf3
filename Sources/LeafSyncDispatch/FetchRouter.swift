import LeafSyncDomain
public import LeafSyncIngest
import LeafSyncJSON

/// Runs the reducer's read commands on the fetchers: `fetchRecord` (a webhook named a record,
/// R-SET-03) refetches it, `poll` runs a pass over the collections it names. What they read
/// goes into the log through the fetchers, as any fetch does; the outcome only counts it.
public struct FetchRouter: Sendable {
    public var leafLink: LeafLinkFetcher?
    public var distru: DistruFetcher?
    /// Reads Metrc's outgoing transfers (R-MTC-02); Metrc has no webhooks, so only polls.
    public var metrc: MetrcFetcher?

    public init(leafLink: LeafLinkFetcher? = nil, distru: DistruFetcher? = nil, metrc: MetrcFetcher? = nil) {
        self.leafLink = leafLink
        self.distru = distru
        self.metrc = metrc
    }

    func execute(_ action: CommandAction) async throws -> CommandOutcome {
        switch action {
        case .fetchRecord(let system, let kind, let id):
            switch system {
            case "leaflink":
                guard let leafLink else { return .skipped(reason: "LeafLink is not configured in this process") }
                guard let k = Self.kind(LeafLinkEvents.all, "leaflink", kind) else { return Self.unknown(system, kind) }
                return Self.appended(try await leafLink.refetch(k, id: id).map { [$0] } ?? [])
            case "distru":
                guard let distru else { return .skipped(reason: "Distru is not configured in this process") }
                guard let k = Self.kind(DistruEvents.all, "distru", kind) else { return Self.unknown(system, kind) }
                return Self.appended(try await distru.refetch(k, id: id).map { [$0] } ?? [])
            default:
                return Self.unknown(system, kind)
            }
        case .poll(let system, let kind):
            switch system {
            case "leaflink":
                guard let leafLink else { return .skipped(reason: "LeafLink is not configured in this process") }
                // Orders come with what they refer to; products alone (their quantities change
                // without a webhook only through this listing, apis.md).
                let kinds: [LeafLinkEvents.Kind] =
                    switch kind {
                    case "orders": [LeafLinkEvents.staff, LeafLinkEvents.customer, LeafLinkEvents.order, LeafLinkEvents.credit]
                    case "products": [LeafLinkEvents.product]
                    case "payments": [LeafLinkEvents.payment]
                    default: LeafLinkEvents.all
                    }
                var appended = 0
                for k in kinds { appended += try await leafLink.pass(k).appended }
                return .succeeded(response: .object(["appended": .int(appended)]))
            case "distru":
                guard let distru else { return .skipped(reason: "Distru is not configured in this process") }
                return Self.cycled(try await distru.fetchCycle())
            case "metrc":
                guard let metrc else { return .skipped(reason: "Metrc is not configured in this process") }
                return Self.cycled(try await metrc.fetchCycle())
            default:
                return Self.unknown(system, kind)
            }
        default:
            throw AttemptFailure(kind: "invalidRequest", message: "not a fetch command: \(action.name)", retryable: false)
        }
    }

    /// The fetch kind whose events are `<source>.<name>.observed` (`order`, `product`, …).
    static func kind<R>(_ all: [FetchKind<R>], _ source: String, _ name: String) -> FetchKind<R>? {
        let type = "\(source).\(name.lowercased()).observed"
        return all.first { $0.observedType == type }
    }

    static func appended(_ sequences: [UInt64]) -> CommandOutcome {
        .succeeded(response: .object(["appended": .int(sequences.count)]))
    }

    /// What a fetch cycle appended (observations and deletions), as a poll's outcome.
    static func cycled<R>(_ reports: [Fetcher<R>.PassReport]) -> CommandOutcome {
        .succeeded(response: .object(["appended": .int(reports.reduce(0) { $0 + $1.appended + $1.deleted })]))
    }

    static func unknown(_ system: String, _ kind: String) -> CommandOutcome {
        .failed(AttemptFailure(kind: "invalidRequest", message: "no fetcher reads \(system) `\(kind)` records", retryable: false))
    }
}
