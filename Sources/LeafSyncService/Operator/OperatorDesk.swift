public import LeafSyncDomain
import LeafSyncLog

/// The one core behind every operator command and the admin API: queries over the reducer's
/// state, and actions that are checked against that state before they are recorded.
///
/// The desk owns no state and no I/O of its own. `state` gives the reducer's current state (the
/// CLI folds the tenant's log, see ``OperatorLog``; the service passes its dispatcher's state),
/// and `record` appends operator events durably and returns their sequences:
///
/// ```swift
/// let log = try OperatorLog(directory: tenant.logPath)   // holds the log's writer lock
/// let recorded = try await log.desk.mapUser("jane@seller.example", toRep: "maria.lopez@highlandharvest.example")
/// print(recorded.text)      // recorded at log sequence 412: map Distru user Jane … to rep 501 …
/// await log.close()
/// ```
///
/// Input is validated first: an unknown user, rep, product, customer, company, order or command
/// throws an ``OperatorError`` naming the field, and nothing is recorded. Ids or e-mails (SKUs,
/// names, order short ids) work wherever a person would type them. What the reducer itself may
/// refuse (a rep already mapped to someone else) is recorded as the request it is, and the
/// refusal comes back in ``Recorded/refusal``.
public struct OperatorDesk: Sendable {
    let state: @Sendable () async throws -> SyncState
    let record: @Sendable ([OperatorAction]) async throws -> ClosedRange<UInt64>

    /// - Parameters:
    ///   - state: the reducer's current state, including every event recorded through `record`.
    ///   - record: appends the actions as operator events durably; returns their log sequences.
    public init(
        state: @escaping @Sendable () async throws -> SyncState,
        record: @escaping @Sendable ([OperatorAction]) async throws -> ClosedRange<UInt64>
    ) {
        self.state = state
        self.record = record
    }

    /// Records `actions` and reports the reducer's refusal of the request on `subject`, if the
    /// refusal appeared (or changed) with these events.
    func recorded(_ actions: [OperatorAction], summary: String, before: SyncState) async throws -> Recorded {
        let sequences = try await record(actions)
        let subjects = Set(actions.map(\.subject))
        let after = try await state()
        let refusal = subjects.sorted().compactMap { subject -> String? in
            guard let now = after.refusals[subject], now != before.refusals[subject] else { return nil }
            return now.description
        }.first
        return Recorded(sequences: sequences, summary: summary, refusal: refusal)
    }
}
