import Foundation
import LeafSyncJSON
public import LeafSyncLog

extension DomainEvent {
    /// Decodes a log event. Never fails: an undecodable record becomes `.rejected` with the reason,
    /// and unknown types become `.ignored`. Older schema versions are upcast first.
    public init(recorded e: RecordedEvent) {
        do {
            self = try DomainEvent.decode(
                type: e.type, schemaVersion: e.schemaVersion, subject: e.subject, time: e.recordedAt, payload: e.payload)
        } catch {
            self = DomainEvent(time: e.recordedAt, subject: e.subject, fact: .rejected(type: e.type, reason: error.description))
        }
        sequence = e.sequence
    }

    /// Decodes one event's parts; throws when its payload cannot be read.
    public static func decode(
        type: String, schemaVersion: UInt16, subject: String, time: Timestamp, payload: EventPayload
    ) throws(RecordDecodingError) -> DomainEvent {
        let type = EventType.current(type)  // an operator request written under its former name
        let newest = EventType.currentVersion(of: type)
        guard schemaVersion <= newest else { throw .unsupportedVersion(type: type, version: schemaVersion, newest: newest) }
        if type == EventType.leafLinkFetchCursor || type == EventType.distruFetchCursor {
            return DomainEvent(time: time, subject: subject, fact: .ignored(type: type))
        }
        // Current payloads are read straight off the parsed tape; older ones are upcast as a tree first.
        let document =
            try schemaVersion == newest
            ? RecordDecodingError.parse(payload)
            : RecordDecodingError.parse(
                Upcaster.upcast(type: type, from: schemaVersion, RecordDecodingError.parse(payload).root.value).canonicalBytes)
        let json = document.root
        let fingerprint = json.fingerprint
        func observed(_ fact: Fact) -> DomainEvent { DomainEvent(time: time, subject: subject, fact: fact, fingerprint: fingerprint) }

        switch type {
        case EventType.leafLinkOrderObserved: return observed(.leafLinkOrder(try LeafLinkOrder(json: json)))
        case EventType.leafLinkProductObserved: return observed(.leafLinkProduct(try LeafLinkProduct(json: json)))
        case EventType.leafLinkCustomerObserved: return observed(.leafLinkCustomer(try LeafLinkCustomer(json: json)))
        case EventType.leafLinkStaffObserved: return observed(.leafLinkStaff(try LeafLinkStaff(json: json)))
        case EventType.leafLinkPaymentObserved: return observed(.leafLinkPayment(try LeafLinkOrderPayment(json: json)))
        case EventType.leafLinkCreditObserved: return observed(.leafLinkCredit(try LeafLinkCredit(json: json)))
        case EventType.leafLinkWebhookReceived: return observed(.leafLinkWebhook(try LeafLinkWebhook(json: json, subject: subject)))
        case EventType.distruProductObserved: return observed(.distruProduct(try DistruProduct(json: json)))
        case EventType.distruInventoryObserved: return observed(.distruInventory(try DistruInventoryRow(json: json)))
        case EventType.distruOrderObserved: return observed(.distruOrder(try DistruOrder(json: json)))
        case EventType.distruCompanyObserved: return observed(.distruCompany(try DistruCompany(json: json)))
        case EventType.distruUserObserved: return observed(.distruUser(try DistruUser(json: json)))
        case EventType.distruLocationObserved: return observed(.distruLocation(try DistruLocation(json: json)))
        case EventType.distruTaxObserved: return observed(.distruTax(try DistruTax(json: json)))
        case EventType.distruInvoiceObserved: return observed(.distruInvoice(try DistruInvoice(json: json)))
        case EventType.distruWebhookReceived:
            guard let kind = json["type"]?.string, let id = json["id"]?.idString ?? json["object"]?["id"]?.idString else {
                throw .missingField(record: "Distru webhook", field: "type and id")
            }
            return observed(.distruWebhook(kind: kind.lowercased(), id: id))
        case EventType.metrcTransferObserved: return observed(.metrcTransfer(try MetrcTransfer(json: json)))
        case EventType.tick:
            guard let micros = json["atMicros"]?.string.flatMap({ Int64($0) }) else {
                throw .invalidPayload(type: type, reason: "no atMicros")
            }
            return DomainEvent(time: Timestamp(microseconds: micros), subject: subject, fact: .tick)
        case EventType.commandSucceeded:
            guard let key = json["key"]?.string else { throw .invalidPayload(type: type, reason: "no key") }
            return DomainEvent(time: time, subject: subject, fact: .commandSucceeded(key: key, response: json["response"]?.value ?? .null))
        case EventType.commandFailed:
            guard let key = json["key"]?.string else { throw .invalidPayload(type: type, reason: "no key") }
            // `status` and `kind` are optional: events written before they existed decode without them.
            return DomainEvent(
                time: time, subject: subject,
                fact: .commandFailed(
                    CommandFailure(
                        key: key, error: json["error"]?.string ?? "unknown error", retryable: json["retryable"]?.bool ?? true,
                        status: json["status"]?.int, kind: json["kind"]?.string)))
        default:
            if type.hasPrefix("distru."), type.hasSuffix(".deleted") {
                let kind = String(type.dropFirst("distru.".count).dropLast(".deleted".count))
                guard let id = json["id"]?.idString else { throw .missingField(record: "Distru \(kind) deletion", field: "id") }
                return DomainEvent(time: time, subject: subject, fact: .distruDeleted(kind: kind, id: id), fingerprint: fingerprint)
            }
            if type.hasPrefix("operator.") {
                return DomainEvent(time: time, subject: subject, fact: .operatorAction(try OperatorCoding.decode(type: type, json: json)))
            }
            return DomainEvent(time: time, subject: subject, fact: .ignored(type: type))
        }
    }
}
