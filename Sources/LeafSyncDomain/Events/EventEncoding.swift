import Foundation
public import LeafSyncJSON
public import LeafSyncLog

/// Builds log events (`NewEvent`) with the catalog's types, versions, sources and subjects.
public enum EventFactory {
    /// The kinds of remote records the fetchers observe, with their type names and subject prefixes.
    public enum Observed: Sendable {
        case leafLinkOrder, leafLinkProduct, leafLinkCustomer, leafLinkStaff, leafLinkPayment, leafLinkCredit
        case distruProduct, distruOrder, distruCompany, distruUser, distruLocation, distruTax, distruInvoice
        case metrcTransfer

        public var type: String {
            switch self {
            case .leafLinkOrder: EventType.leafLinkOrderObserved
            case .leafLinkProduct: EventType.leafLinkProductObserved
            case .leafLinkCustomer: EventType.leafLinkCustomerObserved
            case .leafLinkStaff: EventType.leafLinkStaffObserved
            case .leafLinkPayment: EventType.leafLinkPaymentObserved
            case .leafLinkCredit: EventType.leafLinkCreditObserved
            case .distruProduct: EventType.distruProductObserved
            case .distruOrder: EventType.distruOrderObserved
            case .distruCompany: EventType.distruCompanyObserved
            case .distruUser: EventType.distruUserObserved
            case .distruLocation: EventType.distruLocationObserved
            case .distruTax: EventType.distruTaxObserved
            case .distruInvoice: EventType.distruInvoiceObserved
            case .metrcTransfer: EventType.metrcTransferObserved
            }
        }

        public var subjectPrefix: String {
            switch self {
            case .leafLinkOrder: "ll-order"
            case .leafLinkProduct: "ll-product"
            case .leafLinkCustomer: "ll-customer"
            case .leafLinkStaff: "ll-staff"
            case .leafLinkPayment: "ll-payment"
            case .leafLinkCredit: "ll-credit"
            case .distruProduct: "distru-product"
            case .distruOrder: "distru-order"
            case .distruCompany: "distru-company"
            case .distruUser: "distru-user"
            case .distruLocation: "distru-location"
            case .distruTax: "distru-tax"
            case .distruInvoice: "distru-invoice"
            case .metrcTransfer: "metrc-transfer"
            }
        }

        public var source: String {
            switch self {
            case .leafLinkOrder, .leafLinkProduct, .leafLinkCustomer, .leafLinkStaff, .leafLinkPayment, .leafLinkCredit: "leaflink"
            case .metrcTransfer: "metrc"
            default: "distru"
            }
        }
    }

    /// A fetched record, stored as the exact bytes received (schema version 1).
    public static func observed(_ kind: Observed, id: String, bytes: [UInt8], at time: Timestamp? = nil) -> NewEvent {
        NewEvent(
            type: kind.type, schemaVersion: 1, source: kind.source, subject: "\(kind.subjectPrefix):\(id)", recordedAt: time, payload: bytes
        )
    }

    /// A Distru inventory row; subject `distru-inventory:<product_id>:<location_id>`.
    public static func inventoryRow(productID: String, locationID: String, bytes: [UInt8], at time: Timestamp? = nil) -> NewEvent {
        NewEvent(
            type: EventType.distruInventoryObserved, source: "distru", subject: "distru-inventory:\(productID):\(locationID)",
            recordedAt: time, payload: bytes)
    }

    /// A deletion seen in Distru (`distru.<kind>.deleted`, payload `{"id": …}`).
    public static func distruDeleted(kind: String, id: String, at time: Timestamp? = nil) -> NewEvent {
        NewEvent(
            type: EventType.distruDeleted(kind), source: "distru", subject: "distru-\(kind):\(id)", recordedAt: time,
            payload: JSONValue.object(["id": .string(id)]).canonicalBytes)
    }

    /// A LeafLink webhook body, under the subject of the record it names.
    public static func leafLinkWebhook(subject: String, body: [UInt8], at time: Timestamp? = nil) -> NewEvent {
        NewEvent(type: EventType.leafLinkWebhookReceived, source: "leaflink", subject: subject, recordedAt: time, payload: body)
    }

    /// An operator action, at its current schema version. Throws, and writes nothing, when a
    /// field cannot be written as JSON (an amount that is `Decimal.nan`).
    public static func operatorAction(
        _ action: OperatorAction, at time: Timestamp? = nil, correlationID: String? = nil
    ) throws(JSONValueError) -> NewEvent {
        NewEvent(
            type: action.eventType, schemaVersion: EventType.currentVersion(of: action.eventType), source: "operator",
            subject: action.subject, recordedAt: time, correlationID: correlationID, payload: try OperatorCoding.encode(action))
    }

    /// A scheduler tick carrying its time.
    public static func tick(at time: Timestamp) -> NewEvent {
        NewEvent(
            type: EventType.tick, source: "engine", subject: "scheduler", recordedAt: time,
            payload: JSONValue.object(["atMicros": .number(String(time.microseconds))]).canonicalBytes)
    }

    /// The outcome of a command that succeeded, with the remote response.
    public static func commandSucceeded(_ command: Command, response: JSONValue, at time: Timestamp? = nil) -> NewEvent {
        NewEvent(
            type: EventType.commandSucceeded, source: "engine", subject: command.subject, recordedAt: time,
            payload: JSONValue.object(["key": .string(command.key), "response": response]).canonicalBytes)
    }

    /// The outcome of a command that failed. `retryable` is false for errors a retry cannot fix (4xx other than 429);
    /// `status` is the HTTP status when the remote system answered, `kind` the kind of error
    /// (`http`, `rateLimited`, `transport`, `malformedResponse`, `invalidRequest`, `notConfigured`, `conflict`).
    public static func commandFailed(
        _ command: Command, error: String, retryable: Bool, status: Int? = nil, kind: String? = nil, at time: Timestamp? = nil
    ) -> NewEvent {
        var payload: JSONObject = ["key": .string(command.key), "error": .string(error), "retryable": .bool(retryable)]
        if let status { payload["status"] = .int(status) }
        if let kind { payload["kind"] = .string(kind) }
        return NewEvent(
            type: EventType.commandFailed, source: "engine", subject: command.subject, recordedAt: time,
            payload: JSONValue.object(payload).canonicalBytes)
    }
}
