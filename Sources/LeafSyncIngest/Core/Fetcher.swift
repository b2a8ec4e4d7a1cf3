import Foundation
public import HTTPClientSupport
import LeafSyncJSON
import LeafSyncLog
public import Logging

/// The fetch loop from one vendor into the event log, written once for every vendor; the
/// vendor's part is a ``FetchStrategy`` (`LeafLinkFetcher` is `Fetcher<LeafLinkEvents>`,
/// `DistruFetcher` is `Fetcher<DistruEvents>`).
///
/// Each pass lists a resource (from its cursor where the vendor filters by last change, else in
/// full), appends `<kind>.observed` for every record whose bytes differ from the last
/// observation of its subject, and moves the cursor (`<vendor>.fetch.cursor`). A full listing
/// of a kind with a deletion event also notices records that are gone. Webhooks are verified,
/// logged once, and the record they name is refetched. What was last seen is rebuilt from the
/// log by ``restore()``, so a restart resumes.
public actor Fetcher<Strategy: FetchStrategy> {
    public typealias Resource = Strategy.Vendor.Resource
    public typealias Timestamp = Strategy.Vendor.Timestamp
    public typealias Kind = Strategy.Kind
    typealias Cursor = FetchCursor<Resource, Timestamp>

    public struct Options: Sendable {
        /// Re-read this much before the cursor, against clock skew between passes.
        public var overlap: Duration = .seconds(120)
        /// Resources a cycle fetches, in order.
        public var kinds: [Kind] = Strategy.all
        /// Every this many cycles, incremental resources are listed in full to notice deletions
        /// (1 = every cycle; nil = never).
        public var fullListingEvery: Int? = Strategy.defaultFullListingEvery
        /// The resources a periodic full listing covers (nil: all of them).
        public var fullListingKinds: Set<Resource>? = Strategy.fullListingKinds
        public init() {}
    }

    /// What one pass over a resource did.
    public struct PassReport: Sendable, Equatable {
        public var resource: Resource
        /// Listed in full (no cursor used).
        public var full = false
        public var pages = 0
        public var received = 0
        public var appended = 0
        public var unchanged = 0
        public var deleted = 0
        public var cursor: Timestamp?
    }

    let client: RemoteClient<Strategy.Vendor>
    let store: any IngestEventStore
    let options: Options
    let logger: Logger
    /// Subject → SHA-256 of the last observed payload, for records not deleted since.
    private(set) var lastHash: [String: String] = [:]
    /// Subjects whose last event is a deletion.
    private(set) var deletedSubjects: Set<String> = []
    private(set) var cursors: [Resource: Timestamp] = [:]
    /// SHA-256 of every webhook body already logged.
    private var webhookBodies: Set<String> = []
    private var restored = false
    private var cycles = 0

    /// `store` is the event log (``EventLogStore``) or a stand-in.
    public init(client: RemoteClient<Strategy.Vendor>, store: any IngestEventStore, options: Options = Options(), logger: Logger? = nil) {
        self.client = client
        self.store = store
        self.options = options
        self.logger = logger ?? Logger(label: "leafsync.ingest.\(Strategy.source)")
    }

    /// A log line's metadata: `line`, the remote (``LogContext/remote``), and the command the
    /// task works for, if any (a `fetchRecord` command).
    func lineMetadata(_ line: Logger.Metadata) -> Logger.Metadata {
        LogContext.merged(line.merging([LogContext.remote: "\(Strategy.source)"]) { own, _ in own })
    }

    func correlation(_ what: String) -> String { "\(Strategy.vocabulary.correlationPrefix)-\(what)-\(UUID().uuidString.lowercased())" }

    /// Rebuilds last observations, deletions, cursors and seen webhook bodies from the log.
    public func restore() async throws {
        var hashes: [String: String] = [:]
        var cursors: [Resource: Timestamp] = [:]
        var bodies: Set<String> = []
        var gone: Set<String> = []
        let observed = Set(Strategy.all.map(\.observedType))
        let deleted = Set(Strategy.all.compactMap(\.deletedType))
        try await store.replay { e in
            guard e.source == Strategy.source else { return }
            if observed.contains(e.type) {
                hashes[e.subject] = contentHash(e.payload.bytes)
                gone.remove(e.subject)
            } else if deleted.contains(e.type) {
                hashes[e.subject] = nil
                gone.insert(e.subject)
            } else if e.type == Strategy.cursorType,
                let c = Cursor(payload: e.payload.bytes, filterKey: Strategy.vocabulary.cursorFilterKey)
            {
                cursors[c.resource] = c.since
            } else if e.type == Strategy.webhookType {
                bodies.insert(contentHash(e.payload.bytes))
            }
        }
        self.lastHash = hashes
        self.cursors = cursors
        self.webhookBodies = bodies
        self.deletedSubjects = gone
        restored = true
    }

    public func cursor(for resource: Resource) -> Timestamp? { cursors[resource] }

    /// One pass over every configured resource; every ``Options/fullListingEvery`` cycles the
    /// incremental ones (those of ``Options/fullListingKinds``) are listed in full. Stops at the first failure (an `APIError`): what
    /// earlier pages appended stays, the failed resource's cursor does not move.
    @discardableResult
    public func fetchCycle(correlationID: String? = nil) async throws -> [PassReport] {
        if !restored { try await restore() }
        let correlationID = correlationID ?? correlation("cycle")
        let full = options.fullListingEvery.map { cycles % max(1, $0) == 0 } ?? false
        cycles += 1
        var reports: [PassReport] = []
        for kind in options.kinds {
            let listFull = full && (options.fullListingKinds?.contains(kind.resource) ?? true)
            reports.append(try await pass(kind, full: listFull, correlationID: correlationID))
        }
        return reports
    }

    /// Runs ``fetchCycle(correlationID:)`` every `interval` on `clock` until the task is
    /// cancelled. A failed cycle is logged and tried again at the next tick (its cursor has not
    /// moved).
    public func run(every interval: Duration, clock: any Clock<Duration> = ContinuousClock()) async {
        while !Task.isCancelled {
            do {
                try await fetchCycle()
            } catch is CancellationError {
                return
            } catch {
                logger.error("fetch cycle failed; tried again at the next tick", metadata: lineMetadata(["error": "\(error)"]))
            }
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }

    /// One pass over one resource: from its cursor, or a full listing (`full`, no cursor yet,
    /// or a resource the vendor does not filter) that also records deletions.
    public func pass(_ kind: Kind, full: Bool = false, correlationID: String? = nil) async throws -> PassReport {
        if !restored { try await restore() }
        let correlationID = correlationID ?? correlation("pass")
        let started = LeafSyncLog.Timestamp.now()
        let incremental = Strategy.isIncremental(kind.resource)
        let since = incremental && !full ? cursors[kind.resource] : nil
        var report = PassReport(resource: kind.resource, full: since == nil)
        var passStart: Timestamp?
        var newest: Timestamp?
        var seen: Set<String> = []
        try await Strategy.forEachPage(of: kind, since: since, using: client, isolation: self) { page in
            if report.pages == 0 { passStart = page.response.serverDate }
            report.pages += 1
            var events: [NewEvent] = []
            for record in page.records {
                report.received += 1
                let (subject, changed) = try Self.identify(kind, record)
                seen.insert(subject)
                if let changed, newest.map({ changed > $0 }) ?? true { newest = changed }
                if let event = observation(kind, subject, record, correlationID: correlationID) {
                    events.append(event)
                } else {
                    report.unchanged += 1
                }
            }
            if !events.isEmpty {
                _ = try await append(events)
                for e in events { observed(e) }
                report.appended += events.count
            }
        }
        if report.full, kind.deletedType != nil {
            let gone = lastHash.keys.filter { $0.hasPrefix(kind.subjectPrefix) && !seen.contains($0) }.sorted()
            if !gone.isEmpty {
                _ = try await append(
                    gone.compactMap { Self.deletion(kind, subject: $0, correlationID: correlationID, causation: nil) })
                for s in gone { deleted(s) }
                report.deleted = gone.count
            }
        }
        if incremental {
            let old = cursors[kind.resource]
            if let next = Cursor.advance(from: old, passStart: passStart, newestSeen: newest, overlap: options.overlap), next != old {
                _ = try await append([
                    NewEvent(
                        type: Strategy.cursorType, source: Strategy.source, subject: Strategy.cursorSubject(kind.resource),
                        correlationID: correlationID,
                        payload: Cursor(resource: kind.resource, since: next).payload(filterKey: Strategy.vocabulary.cursorFilterKey))
                ])
                cursors[kind.resource] = next
            }
            report.cursor = cursors[kind.resource]
        }
        FetchPasses.shared.completed(.init(remote: Strategy.source, resource: kind.resource.rawValue), startedAt: started)
        logger.info(
            "fetched: \(report.received) received, \(report.appended) new, \(report.deleted) deleted, \(report.pages) pages",
            metadata: lineMetadata(["resource": "\(kind.resource.rawValue)"]))
        return report
    }

    /// Appends `events` to the store and counts them (``AppendMetrics``).
    private func append(_ events: [NewEvent]) async throws -> ClosedRange<UInt64> {
        let range = try await store.append(events)
        AppendMetrics.appended(events)
        return range
    }

    // MARK: - Observations

    /// A record's subject and last change; a record without its identifying members is a
    /// malformed response.
    static func identify(_ kind: Kind, _ record: RawRecord) throws -> (subject: String, changed: Timestamp?) {
        let json = try record.json()
        let parts = kind.keys.compactMap { RawRecord.text(json[$0]) }
        guard !parts.isEmpty, parts.count == kind.keys.count else {
            throw APIError.malformedResponse(
                record.call, reason: "a \(kind.resource.rawValue) record without `\(kind.keys.joined(separator: "`, `"))`",
                body: record.bytes)
        }
        return (kind.subject(parts.joined(separator: ":")), json[Strategy.vocabulary.changedKey]?.stringValue.flatMap { Timestamp($0) })
    }

    /// The event for a record, or nil when its bytes equal the last observation of its subject.
    func observation(_ kind: Kind, _ subject: String, _ record: RawRecord, correlationID: String?, causation: UInt64? = nil) -> NewEvent? {
        guard lastHash[subject] != contentHash(record.bytes) else { return nil }
        return NewEvent(
            type: kind.observedType, source: Strategy.source, subject: subject, causationID: causation,
            correlationID: correlationID, payload: record.bytes)
    }

    /// `<kind>.deleted` with `{"id": …}` (a number when the id is an integer); nil for a kind
    /// without deletions.
    static func deletion(_ kind: Kind, subject: String, correlationID: String?, causation: UInt64?) -> NewEvent? {
        guard let type = kind.deletedType else { return nil }
        let id = String(subject.dropFirst(kind.subjectPrefix.count))
        let idValue: JSONValue = !id.isEmpty && id.allSatisfy(\.isNumber) ? .number(id) : .string(id)
        return NewEvent(
            type: type, source: Strategy.source, subject: subject, causationID: causation,
            correlationID: correlationID, payload: JSONValue.object(["id": idValue]).serialized())
    }

    private func observed(_ event: NewEvent) {
        lastHash[event.subject] = contentHash(event.payload)
        deletedSubjects.remove(event.subject)
    }

    private func deleted(_ subject: String) {
        lastHash[subject] = nil
        deletedSubjects.insert(subject)
    }

    /// Appends the deletion unless the subject's last event already is one.
    func recordDeletion(_ kind: Kind, _ subject: String, _ correlationID: String, _ causation: UInt64?) async throws -> UInt64? {
        guard !deletedSubjects.contains(subject),
            let event = Self.deletion(kind, subject: subject, correlationID: correlationID, causation: causation)
        else { return nil }
        let seq = try await append([event]).lowerBound
        deleted(subject)
        return seq
    }

    // MARK: - Webhooks

    /// Verifies, logs and acts on one webhook delivery: a bad signature or a body not understood
    /// appends nothing; a body already logged is a duplicate; otherwise the body is logged and
    /// the record it names refetched (or its deletion recorded). The refetched record is kept
    /// as the exact bytes received and named like a polled one, never decoded into a model: a
    /// record polling would log is logged from a webhook too. `signature` is the vendor's
    /// signature header; `secret` the webhook key. Throws only when the log refuses the append.
    public func receiveWebhook(body: [UInt8], signature: String?, secret: String) async throws -> WebhookOutcome {
        guard Strategy.isSigned(body, signature: signature, secret: secret) else {
            logger.warning("webhook refused: missing or invalid \(Strategy.signatureHeader)", metadata: lineMetadata([:]))
            return .badSignature
        }
        let target: WebhookTarget<Resource>
        do { target = try Strategy.webhookTarget(body) } catch { return .malformed(String(describing: error)) }
        if !restored { try await restore() }
        let hash = contentHash(body)
        guard !webhookBodies.contains(hash) else { return .duplicate }
        let correlationID = "\(Strategy.vocabulary.correlationPrefix)-webhook-\(hash.prefix(16))"
        let seq = try await append([
            NewEvent(
                type: Strategy.webhookType, source: Strategy.source, subject: target.subject, correlationID: correlationID, payload: body)
        ]).lowerBound
        webhookBodies.insert(hash)
        guard let kind = target.resource.flatMap(Strategy.kind(for:)) else { return .accepted(webhook: seq, observation: nil) }
        if target.isDelete {
            return .accepted(webhook: seq, observation: try await recordDeletion(kind, target.subject, correlationID, seq))
        }
        do {
            return .accepted(webhook: seq, observation: try await refetch(target, kind: kind, correlationID: correlationID, causation: seq))
        } catch let failure as RefetchFailure {
            logger.warning(
                "webhook logged, refetch failed", metadata: lineMetadata([LogContext.subject: "\(target.subject)", "error": "\(failure.error)"]))
            return .acceptedFetchFailed(webhook: seq, error: String(describing: failure.error))
        }
    }

    /// Fetches the record `id` of `kind` now (a `fetchRecord` command, R-SET-03) and appends it
    /// when it changed, or its deletion when the vendor says it is gone. Returns the sequence
    /// appended, or nil when nothing changed. Throws the `APIError` of a failed fetch.
    @discardableResult
    public func refetch(_ kind: Kind, id: String, correlationID: String? = nil) async throws -> UInt64? {
        if !restored { try await restore() }
        let target = WebhookTarget(resource: kind.resource, id: id, subject: kind.subject(id))
        do {
            return try await refetch(target, kind: kind, correlationID: correlationID ?? correlation("refetch"), causation: nil)
        } catch let failure as RefetchFailure {
            throw failure.error
        }
    }

    /// A failed remote read, told apart from a failed append (which the webhook path throws).
    private struct RefetchFailure: Error { var error: any Error }

    private func refetch(_ target: WebhookTarget<Resource>, kind: Kind, correlationID: String, causation: UInt64?) async throws -> UInt64? {
        let raw: RawRecord
        do {
            raw = try await Strategy.refetch(target, kind: kind, using: client)
        } catch where Strategy.meansGone(error) {
            return try await recordDeletion(kind, target.subject, correlationID, causation)
        } catch {
            throw RefetchFailure(error: error)
        }
        // Named as polling names it, from the record's own members (a webhook may give an id as
        // a string where the API gives a number).
        let subject: String
        do { subject = try Self.identify(kind, raw).subject } catch { throw RefetchFailure(error: error) }
        guard let event = observation(kind, subject, raw, correlationID: correlationID, causation: causation) else { return nil }
        let sequence = try await append([event]).lowerBound
        observed(event)
        return sequence
    }
}
