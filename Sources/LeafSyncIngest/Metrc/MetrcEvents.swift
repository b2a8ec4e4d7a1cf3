public import HTTPClientSupport
import LeafSyncJSON
public import MetrcAPI

/// What the Metrc fetcher appends, the event contract shared with the domain reducer, and the
/// strategy the fetcher core runs for Metrc: each pass reads the outgoing transfers of every
/// facility the keys reach (`GET /facilities/v2/`) changed since the cursor, in windows of at
/// most 24 hours, and completes each transfer with its deliveries and their packages. The
/// payload of `metrc.transfer.observed` (subject `metrc-transfer:<Id>`) is the transfer row as
/// Metrc sent it plus `"Deliveries": [{…delivery…, "Packages": [{…package…}]}]`, which
/// LeafSyncDomain's `MetrcTransfer` decodes. A transfer whose row, deliveries and packages are
/// all unchanged appends nothing (the core compares hashes), so a voided transfer or a rejected
/// package (both move `LastModified`) appends a new observation and an untouched one does not.
/// Metrc sends no webhooks and deletes no transfers (it voids them).
public enum MetrcEvents: FetchStrategy {
    public typealias Vendor = MetrcVendor

    public static let vocabulary = FetchVocabulary(
        source: "metrc", cursorType: "metrc.fetch.cursor", webhookType: "metrc.webhook.received",
        correlationPrefix: "metrc", cursorFilterKey: "lastModifiedStart", changedKey: "LastModified")

    /// `metrc.transfer.observed` under `metrc-transfer:<Id>`.
    public static let transfer = Kind(
        resource: .outgoingTransfers, observedType: "metrc.transfer.observed", deletedType: nil, subjectPrefix: "metrc-transfer:",
        keys: ["Id"])

    public static let all: [Kind] = [transfer]

    /// How far back the first pass reads, before there is a cursor (30 one-day windows per
    /// facility).
    public static let initialLookback: Duration = .seconds(30 * 24 * 3600)
    /// How much each 24-hour window re-reads of the one before.
    public static let windowOverlap: Duration = .seconds(60)
    /// How far past the server's clock the last window reaches, so a change made while the pass
    /// runs is not cut off by a window ending on the second the pass began.
    static let windowLead: Duration = .seconds(60)

    public static func cursorSubject(_ resource: MetrcResource) -> String { "metrc-cursor:\(resource.rawValue)" }

    public static func isIncremental(_ resource: MetrcResource) -> Bool { true }

    /// Walks the outgoing transfers of each facility the keys reach, from `since` (or
    /// ``initialLookback`` before the server's clock) to the server's clock, in 24-hour windows.
    /// Each page handed on holds the window page's transfers completed with their deliveries and
    /// packages (``MetrcClient/completeTransfer(_:)``); a transfer seen again in an overlapping
    /// window with the same `LastModified` is left out, so its children are read once a pass.
    public static func forEachPage(
        of kind: Kind, since: MetrcTimestamp?, using client: MetrcClient, isolation: isolated (any Actor)?,
        _ body: (APIPage<MetrcVendor>) async throws -> Void
    ) async throws {
        let (licenses, serverDate) = try await client.facilityLicenses()
        let now = serverDate ?? .now
        let from = since ?? now.moved(by: .zero - initialLookback)
        var seen: Set<String> = []
        for license in licenses {
            try await client.forEachOutgoingTransferPage(
                licenseNumber: license, from: from, to: now.moved(by: windowLead), overlap: windowOverlap, isolation: isolation
            ) { window in
                var page = window.page
                var records: [RawRecord] = []
                for row in page.records {
                    let json = try row.json()
                    let key = "\(RawRecord.text(json["Id"]) ?? "?")@\(json["LastModified"]?.stringValue ?? "")"
                    guard seen.insert(key).inserted else { continue }
                    records.append(try await client.completeTransfer(row))
                }
                page.records = records
                try await body(page)
            }
        }
    }

    // MARK: No webhooks

    public static let signatureHeader = "(none: Metrc sends no webhooks)"

    public static func isSigned(_ body: [UInt8], signature: String?, secret: String) -> Bool { false }

    public static func webhookTarget(_ body: [UInt8]) throws -> WebhookTarget<MetrcResource> {
        throw APIError.invalidRequest(MetrcVendor.self, "Metrc sends no webhooks")
    }

    /// Metrc v2 has no read of one outgoing transfer by id: the next pass sees a changed one.
    public static func refetch(_ target: WebhookTarget<MetrcResource>, kind: Kind, using client: MetrcClient) async throws -> RawRecord {
        throw APIError.invalidRequest(
            MetrcVendor.self, "Metrc has no read of one outgoing transfer (\(target.id)); the next fetch pass sees its changes")
    }
}

/// The Metrc fetch loop (see ``Fetcher``).
public typealias MetrcFetcher = Fetcher<MetrcEvents>
