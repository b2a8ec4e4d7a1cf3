import Foundation
import LeafLinkAPI
import LeafSyncLog

extension LeafLinkFetcher {
    // MARK: - Webhooks

    /// What became of a webhook delivery; ``httpStatus`` is the answer to give LeafLink.
    public enum WebhookOutcome: Sendable, Equatable {
        /// Logged (sequence of the `leaflink.webhook.received` event) and the record refetched
        /// (sequence of its observation, nil when unchanged).
        case accepted(webhook: UInt64, observation: UInt64?)
        /// Logged, but the refetch failed (the next fetch cycle catches up); still a 2xx so
        /// LeafLink does not resend a body already in the log.
        case acceptedFetchFailed(webhook: UInt64, error: String)
        /// The same body was already received (LeafLink retries; no timestamp to tell them apart).
        case duplicate
        /// Missing or wrong `LL-Signature`: nothing appended.
        case badSignature
        /// Signed but not understood: nothing appended.
        case malformed(String)

        public var httpStatus: Int {
            switch self {
            case .accepted, .acceptedFetchFailed, .duplicate: 200
            case .badSignature: 401
            case .malformed: 400
            }
        }
    }

    /// Verifies, logs and acts on one webhook delivery. `signature` is the `LL-Signature`
    /// header. Throws only when the log refuses the append.
    public func receiveWebhook(body: [UInt8], signature: String?, key: String) async throws -> WebhookOutcome {
        guard LeafLinkWebhook.isValid(body: body, signature: signature, key: key) else {
            logger.warning("LeafLink webhook refused: missing or invalid LL-Signature")
            return .badSignature
        }
        let delivery: WebhookDelivery
        do { delivery = try LeafLinkWebhook.parse(body) } catch {
            return .malformed(String(describing: error))
        }
        if !restored { try await restore() }
        let hash = leafLinkContentHash(body)
        guard !webhookBodies.contains(hash) else { return .duplicate }
        let correlation = "ll-webhook-\(hash.prefix(16))"
        let seq = try await store.append([NewEvent(
            type: LeafLinkEvents.webhookType, source: LeafLinkEvents.source, subject: delivery.subject,
            correlationID: correlation, payload: body)]).lowerBound
        webhookBodies.insert(hash)
        let raw: RawRecord
        do {
            switch delivery.kind {
            case .order(let number): raw = try await client.order(number: number).raw
            case .product(let id): raw = try await client.product(id: id).raw
            }
        } catch {
            logger.warning("LeafLink webhook \(delivery.subject) logged, refetch failed: \(error)")
            return .acceptedFetchFailed(webhook: seq, error: String(describing: error))
        }
        let kind = if case .order = delivery.kind { LeafLinkEvents.order } else { LeafLinkEvents.product }
        let observation = try await observe(kind, raw, correlationID: correlation, causation: seq)
        return .accepted(webhook: seq, observation: observation)
    }
}
