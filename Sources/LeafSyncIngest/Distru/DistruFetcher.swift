import DistruAPI
import Foundation
import LeafSyncLog
import Logging

/// Fetch loops from Distru into the event log.
///
/// Each pass lists a resource (incrementally from its cursor where Distru filters by
/// `updated_datetime`, else in full), appends `distru.<kind>.observed` for every record whose
/// bytes differ from the last observation of its subject, and moves the cursor
/// (`distru.fetch.cursor`). A full listing also notices records that are gone and appends
/// `distru.<kind>.deleted`. What was last seen is rebuilt from the log by ``restore()``.
public actor DistruFetcher {
    public struct Options: Sendable {
        /// Re-read this much before the cursor, against clock skew between passes.
        public var overlap: Duration = .seconds(120)
        /// Resources a cycle fetches, in order.
        public var kinds: [DistruEvents.Kind] = DistruEvents.all
        /// Every this many cycles, incremental resources are listed in full to notice deletions
        /// (1 = every cycle).
        public var fullListingEvery: Int = 12
        public init() {}
    }

    /// What one pass over a resource did.
    public struct PassReport: Sendable, Equatable {
        public var resource: DistruResource
        public var full = false
        public var pages = 0
        public var received = 0
        public var appended = 0
        public var unchanged = 0
        public var deleted = 0
        public var cursor: DistruTimestamp?
    }

    let client: DistruClient
    let store: any IngestEventStore
    let options: Options
    let logger: Logger
    /// Subject → SHA-256 of the last observed payload, for records not deleted since.
    private(set) var lastHash: [String: String] = [:]
    /// Subjects whose last event is a deletion.
    private(set) var deletedSubjects: Set<String> = []
    private(set) var cursors: [DistruResource: DistruTimestamp] = [:]
    private var webhookBodies: Set<String> = []
    private var restored = false
    private var cycles = 0

    /// `store` is the event log (``EventLogStore``) or a stand-in.
    public init(client: DistruClient, store: any IngestEventStore, options: Options = Options(), logger: Logger? = nil) {
        self.client = client
        self.store = store
        self.options = options
        self.logger = logger ?? Logger(label: "leafsync.ingest.distru")
    }

    /// Rebuilds last observations, deletions, cursors and seen webhook bodies from the log.
    public func restore() async throws {
        var hashes: [String: String] = [:]
        var cursors: [DistruResource: DistruTimestamp] = [:]
        var bodies: Set<String> = []
        var gone: Set<String> = []
        let observed = Set(DistruEvents.all.map(\.observedType))
        let deleted = Set(DistruEvents.all.map(\.deletedType))
        try await store.replay { e in
            guard e.source == DistruEvents.source else { return }
            if observed.contains(e.type) {
                hashes[e.subject] = distruContentHash(e.payload.bytes)
                gone.remove(e.subject)
            } else if deleted.contains(e.type) {
                hashes[e.subject] = nil
                gone.insert(e.subject)
            } else if e.type == DistruEvents.cursorType, let c = DistruFetchCursor(payload: e.payload.bytes) {
                cursors[c.resource] = c.updatedSince
            } else if e.type == DistruEvents.webhookType {
                bodies.insert(distruContentHash(e.payload.bytes))
            }
        }
        self.lastHash = hashes
        self.cursors = cursors
        self.webhookBodies = bodies
        self.deletedSubjects = gone
        restored = true
    }

    public func cursor(for resource: DistruResource) -> DistruTimestamp? { cursors[resource] }

    /// One pass over every configured resource; every ``Options/fullListingEvery`` cycles the
    /// incremental ones are listed in full. Stops at the first failure (a ``DistruError``): what
    /// earlier pages appended stays, the failed resource's cursor does not move.
    @discardableResult
    public func fetchCycle(correlationID: String = "distru-cycle-\(UUID().uuidString.lowercased())") async throws -> [PassReport] {
        if !restored { try await restore() }
        let full = cycles % max(1, options.fullListingEvery) == 0
        cycles += 1
        var reports: [PassReport] = []
        for kind in options.kinds {
            reports.append(try await pass(kind, full: full, correlationID: correlationID))
        }
        return reports
    }

    /// Runs ``fetchCycle(correlationID:)`` every `interval` until the task is cancelled; a failed
    /// cycle is logged and the next one tries again.
    public func run(every interval: Duration) async {
        await FetchLoop.run(every: interval, logger: logger, system: "Distru") { try await self.fetchCycle() }
    }

    /// One pass over one resource: incremental from its cursor, or a full listing (`full`, no
    /// cursor yet, or a resource Distru does not filter) that also records deletions.
    public func pass(_ kind: DistruEvents.Kind, full: Bool = false, correlationID: String? = nil) async throws -> PassReport {
        if !restored { try await restore() }
        let correlation = correlationID ?? "distru-pass-\(UUID().uuidString.lowercased())"
        let incremental = kind.resource.supportsUpdatedFilter
        let since = incremental && !full ? cursors[kind.resource] : nil
        var report = PassReport(resource: kind.resource, full: since == nil)
        var passStart: DistruTimestamp?
        var newest: DistruTimestamp?
        var seen: Set<String> = []
        try await client.forEachPage(of: kind.resource, updatedSince: since) { page in
            if report.pages == 0 { passStart = page.response.serverDate }
            report.pages += 1
            var events: [NewEvent] = []
            for record in page.records {
                report.received += 1
                let (subject, updated) = try Self.identify(kind, record)
                seen.insert(subject)
                if let updated, newest.map({ updated > $0 }) ?? true { newest = updated }
                if let event = self.observation(kind, subject, record, correlationID: correlation) {
                    events.append(event)
                } else {
                    report.unchanged += 1
                }
            }
            if !events.isEmpty {
                _ = try await self.store.append(events)
                for e in events {
                    self.lastHash[e.subject] = distruContentHash(e.payload)
                    self.deletedSubjects.remove(e.subject)
                }
                report.appended += events.count
            }
        }
        if report.full {
            let gone = lastHash.keys.filter { $0.hasPrefix(kind.subjectPrefix) && !seen.contains($0) }.sorted()
            if !gone.isEmpty {
                _ = try await store.append(gone.map { Self.deletion(kind, subject: $0, correlationID: correlation, causation: nil) })
                for s in gone {
                    lastHash[s] = nil
                    deletedSubjects.insert(s)
                }
                report.deleted = gone.count
            }
        }
        if incremental {
            let old = cursors[kind.resource]
            if let next = DistruFetchCursor.advance(from: old, passStart: passStart, newestSeen: newest, overlap: options.overlap), next != old {
                _ = try await store.append([NewEvent(
                    type: DistruEvents.cursorType, source: DistruEvents.source, subject: DistruEvents.cursorSubject(kind.resource),
                    correlationID: correlation, payload: DistruFetchCursor(resource: kind.resource, updatedSince: next).payload)])
                cursors[kind.resource] = next
            }
            report.cursor = cursors[kind.resource]
        }
        logger.info("Distru \(kind.resource.rawValue): \(report.received) received, \(report.appended) new, \(report.deleted) deleted, \(report.pages) pages")
        return report
    }

    /// A record's subject and `updated_datetime`.
    static func identify(_ kind: DistruEvents.Kind, _ record: DistruRecord) throws -> (String, DistruTimestamp?) {
        let json = try record.json()
        func text(_ key: String) -> String? {
            switch json[key] {
            case .string(let s)?: s
            case .number(let n)?: n
            default: nil
            }
        }
        let key: String? = kind == DistruEvents.inventory
            ? text("product_id").flatMap { p in text("location_id").map { "\(p):\($0)" } }
            : text("id")
        guard let key else {
            throw DistruError.malformedResponse(record.call, reason: "a \(kind.resource.rawValue) record without its id",
                                                body: String(decoding: record.bytes.prefix(200), as: UTF8.self))
        }
        return (kind.subject(key), json["updated_datetime"]?.stringValue.flatMap({ DistruTimestamp($0) }))
    }

    /// The event for a record, or nil when its bytes equal the last observation of its subject.
    func observation(_ kind: DistruEvents.Kind, _ subject: String, _ record: DistruRecord, correlationID: String?, causation: UInt64? = nil) -> NewEvent? {
        guard lastHash[subject] != distruContentHash(record.bytes) else { return nil }
        return NewEvent(type: kind.observedType, source: DistruEvents.source, subject: subject, causationID: causation,
                        correlationID: correlationID, payload: record.bytes)
    }

    /// `distru.<kind>.deleted` with `{"id": …}` (a number when the id is an integer).
    static func deletion(_ kind: DistruEvents.Kind, subject: String, correlationID: String?, causation: UInt64?) -> NewEvent {
        let id = String(subject.dropFirst(kind.subjectPrefix.count))
        let idValue: JSONValue = !id.isEmpty && id.allSatisfy(\.isNumber) ? .number(id) : .string(id)
        return NewEvent(type: kind.deletedType, source: DistruEvents.source, subject: subject, causationID: causation,
                        correlationID: correlationID, payload: JSONValue.object(["id": idValue]).serialized())
    }

    // MARK: - Webhooks

    /// What became of a webhook delivery (shared by both fetchers).
    public typealias WebhookOutcome = LeafSyncIngest.WebhookOutcome

    /// Verifies, logs and acts on one webhook delivery. `signature` is the
    /// `x-distru-signature` header. Throws only when the log refuses the append.
    public func receiveWebhook(body: [UInt8], signature: String?, secret: String) async throws -> WebhookOutcome {
        guard DistruWebhook.isValid(body: body, header: signature, secret: secret) else {
            logger.warning("Distru webhook refused: missing or invalid x-distru-signature")
            return .badSignature
        }
        let delivery: DistruWebhookDelivery
        do { delivery = try DistruWebhook.parse(body) } catch { return .malformed(error.description) }
        if !restored { try await restore() }
        let hash = distruContentHash(body)
        guard !webhookBodies.contains(hash) else { return .duplicate }
        let kind = delivery.resource.flatMap(DistruEvents.kind(for:))
        let subject = kind?.subject(delivery.id) ?? "distru-\(delivery.type.rawValue.lowercased()):\(delivery.id)"
        let correlation = "distru-webhook-\(hash.prefix(16))"
        let seq = try await store.append([NewEvent(
            type: DistruEvents.webhookType, source: DistruEvents.source, subject: subject, correlationID: correlation, payload: body)]).lowerBound
        webhookBodies.insert(hash)
        guard let kind else { return .accepted(webhook: seq, observation: nil) }
        if delivery.isDelete { return .accepted(webhook: seq, observation: try await recordDeletion(kind, subject, correlation, seq)) }
        let raw: DistruRecord
        do {
            raw = try await client.record(kind.resource, id: delivery.id)
        } catch let e as DistruError where e.status == 404 {
            return .accepted(webhook: seq, observation: try await recordDeletion(kind, subject, correlation, seq))
        } catch {
            logger.warning("Distru webhook \(subject) logged, refetch failed: \(error)")
            return .acceptedFetchFailed(webhook: seq, error: String(describing: error))
        }
        guard let event = observation(kind, subject, raw, correlationID: correlation, causation: seq) else {
            return .accepted(webhook: seq, observation: nil)
        }
        let obs = try await store.append([event]).lowerBound
        lastHash[subject] = distruContentHash(event.payload)
        deletedSubjects.remove(subject)
        return .accepted(webhook: seq, observation: obs)
    }

    /// Appends the deletion unless the subject's last event already is one.
    func recordDeletion(_ kind: DistruEvents.Kind, _ subject: String, _ correlation: String, _ causation: UInt64) async throws -> UInt64? {
        guard !deletedSubjects.contains(subject) else { return nil }
        let seq = try await store.append([Self.deletion(kind, subject: subject, correlationID: correlation, causation: causation)]).lowerBound
        lastHash[subject] = nil
        deletedSubjects.insert(subject)
        return seq
    }
}
