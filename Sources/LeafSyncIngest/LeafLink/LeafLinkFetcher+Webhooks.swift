import Foundation
import LeafLinkAPI
import LeafSyncLog

extension LeafLinkFetcher {
    // MARK: - Webhooks

    /// What became of a webhook delivery (shared by both fetchers).
    public typealias WebhookOutcome = LeafSyncIngest.WebhookOutcome

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
