import Foundation

/// A setting as a person types it: `KEY=VALUE`, the key the snake_case name of a
/// ``SettingsChange`` field (the camelCase of `leafsync settings set` is accepted too:
/// `syncPrices=true` is `sync_prices=true`). The one parser of settings: the operator desk,
/// the admin API and `what-if` all read assignments with it.
///
/// ```swift
/// var change = SettingsChange()
/// try change.assign("sync_prices=true")
/// try change.assign("inventory_location_ids=7a9b…,8b9c…")   // "" means every location
/// try change.assign("status_mapping.Backorder=PENDING")      // "" restores the default
/// ```
///
/// `leafsync what-if settings set` reads its arguments with it; an unknown key or a bad value is a
/// ``SettingsAssignmentError`` naming the key and what it accepts.
extension SettingsChange {
    /// The keys ``assign(_:)`` accepts, with what each takes (`status_mapping.<LeafLink status>`
    /// stands for one key per LeafLink status).
    public static let assignableKeys: [(key: String, accepts: String)] = [
        ("price_lock_status", "a LeafLink status (\(leafLinkStatuses.joined(separator: ", "))), or \"\" for none"),
        ("inventory_location_ids", "Distru location ids, comma-separated; \"\" for every location"),
        ("use_customer_default_inventory_source", "true or false"),
        ("default_sales_order_location_id", "a Distru location id, or \"\" for none"),
        ("sync_prices", "true or false"),
        ("sync_payments", "true or false"),
        ("error_recipients", "e-mail addresses, comma-separated; \"\" for none"),
        ("order_poll_seconds", "a whole number of seconds above 0"),
        ("product_poll_seconds", "a whole number of seconds above 0"),
        ("inventory_push_seconds", "a whole number of seconds above 0"),
        ("webhook_key_configured", "true or false"),
        ("metrc_configured", "true or false"),
        ("leaflink_base_url", "an http(s) URL"),
        ("status_mapping.<LeafLink status>", "a Distru status (\(distruStatuses.joined(separator: ", "))), or \"\" for the default"),
    ]

    /// The LeafLink order statuses a status mapping or the price lock names (the console lists them).
    public static let leafLinkStatuses = ["Draft", "Submitted", "Accepted", "Backorder", "Fulfilled", "Shipped", "Complete", "Rejected", "Combined", "Cancelled"]
    /// The Distru SO statuses a status mapping can give.
    public static let distruStatuses = ["PENDING", "PROCESSING", "READY_TO_SHIP", "DELIVERING", "DELIVERED", "COMPLETED", "CANCELED"]

    /// A change made of `assignments` (`KEY=VALUE` each), applied in order.
    public init(assignments: [String]) throws(SettingsAssignmentError) {
        self.init()
        for text in assignments { try assign(text) }
    }

    /// Sets the field `KEY` of `KEY=VALUE` to `VALUE`.
    public mutating func assign(_ assignment: String) throws(SettingsAssignmentError) {
        guard let equals = assignment.firstIndex(of: "=") else { throw .notAnAssignment(assignment) }
        let key = Self.snakeCase(String(assignment[..<equals]).trimmedOfSpaces)
        let value = String(assignment[assignment.index(after: equals)...]).trimmedOfSpaces
        func bad(_ accepts: String) -> SettingsAssignmentError { .badValue(key: key, value: value, accepts: accepts) }
        func accepted(_ k: String) -> String { Self.assignableKeys.first { $0.key == k }!.accepts }
        func bool() throws(SettingsAssignmentError) -> Bool {
            switch value.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: throw bad(accepted(key))
            }
        }
        func seconds() throws(SettingsAssignmentError) -> Int {
            guard let n = Int(value), n > 0 else { throw bad(accepted(key)) }
            return n
        }
        func list() -> [String] { value.split(separator: ",").map { String($0).trimmedOfSpaces }.filter { !$0.isEmpty } }
        switch key {
        case "price_lock_status":
            guard value.isEmpty || Self.isKnown(LeafLinkOrderStatus(value)) else { throw bad(accepted(key)) }
            priceLockStatus = value.isEmpty ? "" : LeafLinkOrderStatus(value).rawValue
        case "inventory_location_ids": inventoryLocationIDs = list()
        case "use_customer_default_inventory_source": useCustomerDefaultInventorySource = try bool()
        case "default_sales_order_location_id": defaultSalesOrderLocationID = value
        case "sync_prices": syncPrices = try bool()
        case "sync_payments": syncPayments = try bool()
        case "error_recipients":
            let addresses = list()
            if let wrong = addresses.first(where: { !$0.contains("@") }) { throw .badValue(key: key, value: wrong, accepts: accepted(key)) }
            errorRecipients = addresses
        case "order_poll_seconds": orderPollSeconds = try seconds()
        case "product_poll_seconds": productPollSeconds = try seconds()
        case "inventory_push_seconds": inventoryPushSeconds = try seconds()
        case "webhook_key_configured": webhookKeyConfigured = try bool()
        case "metrc_configured": metrcConfigured = try bool()
        case "leaflink_base_url":
            guard value.hasPrefix("https://") || value.hasPrefix("http://"), value.count > 8 else { throw bad(accepted(key)) }
            leafLinkBaseURL = value
        case let k where k.hasPrefix("status_mapping."):
            let ll = LeafLinkOrderStatus(String(k.dropFirst("status_mapping.".count)))
            guard Self.isKnown(ll) else {
                throw .unknownKey(key, known: Self.assignableKeys.map(\.key) + ["(LeafLink statuses: \(Self.leafLinkStatuses.joined(separator: ", ")))"])
            }
            let so = DistruOrderStatus(value.uppercased())
            if case .unknown = so, !value.isEmpty { throw bad(accepted("status_mapping.<LeafLink status>")) }
            statusMapping = (statusMapping ?? [:]).merging([ll.rawValue: value.isEmpty ? "" : so.rawValue]) { $1 }
        default:
            throw .unknownKey(key, known: Self.assignableKeys.map(\.key))
        }
    }

    /// A key as `settings set` and the admin API spell it (`syncPrices`, `inventoryLocationIDs`,
    /// `statusMapping.Backorder`) in the snake_case of ``assignableKeys``; snake_case stays as it is.
    public static func snakeCase(_ key: String) -> String {
        let dot = key.firstIndex(of: ".") ?? key.endIndex
        var name = String(key[..<dot])
        for (from, to) in [("leafLink", "leaflink"), ("LeafLink", "Leaflink"), ("IDs", "Ids"), ("ID", "Id"), ("URL", "Url")] {
            name = name.replacingOccurrences(of: from, with: to)
        }
        var snake = ""
        for character in name {
            if character.isUppercase {
                if !snake.isEmpty { snake.append("_") }
                snake.append(contentsOf: character.lowercased())
            } else {
                snake.append(character)
            }
        }
        return snake + key[dot...]
    }

    private static func isKnown(_ s: LeafLinkOrderStatus) -> Bool {
        if case .unknown = s { return false }
        return true
    }
}

/// A `KEY=VALUE` setting that cannot be applied, saying what would be accepted.
public enum SettingsAssignmentError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnAssignment(String)
    case unknownKey(String, known: [String])
    case badValue(key: String, value: String, accepts: String)

    public var description: String {
        switch self {
        case .notAnAssignment(let text): "\"\(text)\" is not KEY=VALUE (for example sync_prices=true)"
        case .unknownKey(let key, let known): "unknown setting \"\(key)\"; the settings are: \(known.joined(separator: ", "))"
        case .badValue(let key, let value, let accepts): "\(key): \"\(value)\" is not accepted; \(key) takes \(accepts)"
        }
    }
}

extension String {
    fileprivate var trimmedOfSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
