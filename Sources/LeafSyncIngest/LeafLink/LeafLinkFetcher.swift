import Foundation
import LeafLinkAPI
import LeafSyncLog
import Logging

/// Fetch loops from LeafLink into the event log.
///
/// Each pass lists a resource (orders with their line items, customer and reps embedded) from
/// its cursor, appends `leaflink.<kind>.observed` for every record whose bytes differ from the
/// last observation of that subject, and records the new cursor as `leaflink.fetch.cursor`.
/// What was last seen is rebuilt from the log by ``restore()``, so a restart resumes.
public actor LeafLinkFetcher {
    public struct Options: Sendable {
        /// Re-read this much before the cursor, against clock skew between passes.
        public var overlap: Duration = .seconds(120)
        /// Resources a cycle fetches, in order.
        public var kinds: [LeafLinkEvents.Kind] = LeafLinkEvents.all
        public init() {}
    }

    /// What one pass over a resource did.
    public struct PassReport: Sendable, Equatable {
        public var resource: LeafLinkResource
        public var pages = 0
        public var received = 0
        public var appended = 0
        public var unchanged = 0
        public var cursor: LeafLinkTimestamp?
    }

    let client: LeafLinkClient
    let store: any LeafLinkEventStore
    let options: Options
    let logger: Logger
    /// Subject → SHA-256 of the last observed payload.
    private(set) var lastHash: [String: String] = [:]
    private(set) var cursors: [LeafLinkResource: LeafLinkTimestamp] = [:]
    /// SHA-256 of every webhook body already logged.
    var webhookBodies: Set<String> = []
    var restored = false

    public init(client: LeafLinkClient, store: any LeafLinkEventStore, options: Options = Options(), logger: Logger? = nil) {
        self.client = client
        self.store = store
        self.options = options
        self.logger = logger ?? Logger(label: "leafsync.ingest.leaflink")
    }

    /// Rebuilds last observations, cursors and seen webhook bodies from the log.
    public func restore() async throws {
        var hashes: [String: String] = [:]
        var cursors: [LeafLinkResource: LeafLinkTimestamp] = [:]
        var bodies: Set<String> = []
        let observed = Set(LeafLinkEvents.all.map(\.type))
        try await store.replay { e in
            guard e.source == LeafLinkEvents.source else { return }
            if observed.contains(e.type) {
                hashes[e.subject] = leafLinkContentHash(e.payload.bytes)
            } else if e.type == LeafLinkEvents.cursorType, let c = FetchCursor(payload: e.payload.bytes) {
                cursors[c.resource] = c.modifiedSince
            } else if e.type == LeafLinkEvents.webhookType {
                bodies.insert(leafLinkContentHash(e.payload.bytes))
            }
        }
        self.lastHash = hashes
        self.cursors = cursors
        self.webhookBodies = bodies
        restored = true
    }

    public func cursor(for resource: LeafLinkResource) -> LeafLinkTimestamp? { cursors[resource] }

    /// One pass over every configured resource. Stops at the first failure (a ``LeafLinkError``);
    /// what earlier pages appended stays appended, the failed resource's cursor does not move.
    @discardableResult
    public func fetchCycle(correlationID: String = "ll-cycle-\(UUID().uuidString.lowercased())") async throws -> [PassReport] {
        if !restored { try await restore() }
        var reports: [PassReport] = []
        for kind in options.kinds {
            reports.append(try await pass(kind, correlationID: correlationID))
        }
        return reports
    }

    /// Runs ``fetchCycle(correlationID:)`` every `interval` until the task is cancelled. A failed
    /// cycle is logged and tried again at the next tick (its cursor has not moved).
    public func run(every interval: Duration) async {
        await FetchLoop.run(every: interval, logger: logger, system: "LeafLink") { try await self.fetchCycle() }
    }

    /// One pass over one resource, from its cursor (or from the beginning).
    public func pass(_ kind: LeafLinkEvents.Kind, correlationID: String? = nil) async throws -> PassReport {
        if !restored { try await restore() }
        let correlation = correlationID ?? "ll-pass-\(UUID().uuidString.lowercased())"
        var report = PassReport(resource: kind.resource)
        let since = kind.resource.modifiedFilter == nil ? nil : cursors[kind.resource]
        var passStart: LeafLinkTimestamp?
        var newest: LeafLinkTimestamp?
        try await client.forEachPage(of: kind.resource, modifiedSince: since) { page in
            if report.pages == 0 { passStart = page.response.serverDate }
            report.pages += 1
            var events: [NewEvent] = []
            for record in page.records {
                report.received += 1
                let (event, modified) = try self.observation(kind, record, correlationID: correlation)
                if let modified, newest.map({ modified > $0 }) ?? true { newest = modified }
                if let event { events.append(event) } else { report.unchanged += 1 }
            }
            if !events.isEmpty {
                _ = try await self.store.append(events)
                for e in events { self.lastHash[e.subject] = leafLinkContentHash(e.payload) }
                report.appended += events.count
            }
        }
        if kind.resource.modifiedFilter != nil {
            let old = cursors[kind.resource]
            let next = FetchCursor.advance(
                from: old, passStart: passStart, newestSeen: newest,
                overlapMicros: options.overlap.components.seconds * 1_000_000 + options.overlap.components.attoseconds / 1_000_000_000_000)
            if let next, next != old {
                _ = try await store.append([NewEvent(
                    type: LeafLinkEvents.cursorType, source: LeafLinkEvents.source,
                    subject: LeafLinkEvents.cursorSubject(kind.resource), correlationID: correlation,
                    payload: FetchCursor(resource: kind.resource, modifiedSince: next).payload)])
                cursors[kind.resource] = next
            }
            report.cursor = cursors[kind.resource]
        }
        logger.info("LeafLink \(kind.resource.rawValue): \(report.received) received, \(report.appended) new, \(report.pages) pages")
        return report
    }

    /// The event for a record, or nil when its bytes equal the last observation of its subject;
    /// also the record's `modified`.
    func observation(_ kind: LeafLinkEvents.Kind, _ record: RawRecord, correlationID: String?, causation: UInt64? = nil) throws -> (NewEvent?, LeafLinkTimestamp?) {
        let json = try record.json()
        let key: String
        switch json[kind.key] {
        case .string(let s)?: key = s
        case .number(let n)?: key = n
        default:
            throw LeafLinkError.malformedResponse(record.call, reason: "a \(kind.resource.rawValue) record without `\(kind.key)`", body: String(decoding: record.bytes.prefix(200), as: UTF8.self))
        }
        let modified = json["modified"]?.stringValue.flatMap(LeafLinkTimestamp.init)
        let subject = kind.subjectPrefix + key
        guard lastHash[subject] != leafLinkContentHash(record.bytes) else { return (nil, modified) }
        return (NewEvent(type: kind.type, source: LeafLinkEvents.source, subject: subject, causationID: causation,
                         correlationID: correlationID, payload: record.bytes), modified)
    }

    /// Appends a record fetched on its own (after a webhook) if it changed.
    @discardableResult
    func observe(_ kind: LeafLinkEvents.Kind, _ record: RawRecord, correlationID: String, causation: UInt64?) async throws -> UInt64? {
        guard let event = try observation(kind, record, correlationID: correlationID, causation: causation).0 else { return nil }
        let seq = try await store.append([event]).lowerBound
        lastHash[event.subject] = leafLinkContentHash(event.payload)
        return seq
    }
}
