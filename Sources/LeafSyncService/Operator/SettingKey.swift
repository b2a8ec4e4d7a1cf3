import Foundation
public import LeafSyncDomain

/// The keys `leafsync settings set KEY=VALUE` (and `PATCH /admin/v1/settings`) take, each a field
/// of ``SettingsChange`` (R-SET-02). Lists are comma-separated; a status mapping is one key per
/// LeafLink status (`statusMapping.Backorder=Pending`). Secrets are not settings: API and webhook
/// keys live in the service's configuration only (R-SET-01).
public enum SettingKey: String, CaseIterable, Sendable {
    case priceLockStatus, inventoryLocationIDs, useCustomerDefaultInventorySource, defaultSalesOrderLocationID
    case syncPrices, syncPayments, errorRecipients, orderPollSeconds, productPollSeconds, inventoryPushSeconds, leafLinkBaseURL

    /// The prefix of a status-mapping key: `statusMapping.<LeafLink status>`.
    public static let statusMappingPrefix = "statusMapping."

    /// The change `assignments` ask for, or an ``OperatorError`` naming the first key or value that
    /// cannot be read (an unknown key lists the known ones).
    public static func change(_ assignments: [String: String]) throws(OperatorError) -> SettingsChange {
        var change = SettingsChange()
        for (key, value) in assignments.sorted(by: { $0.key < $1.key }) {
            if key.hasPrefix(statusMappingPrefix) {
                let status = String(key.dropFirst(statusMappingPrefix.count))
                guard !status.isEmpty else { throw OperatorError(field: key, message: "name the LeafLink status: statusMapping.Backorder=Pending") }
                change.statusMapping = (change.statusMapping ?? [:]).merging([status: value]) { $1 }
                continue
            }
            guard let known = SettingKey(rawValue: key) else {
                throw OperatorError(
                    field: key,
                    message: "not a setting; the settings are \((allCases.map(\.rawValue) + ["\(statusMappingPrefix)<LeafLink status>"]).joined(separator: ", "))")
            }
            try known.apply(value, to: &change)
        }
        return change
    }

    private func apply(_ value: String, to change: inout SettingsChange) throws(OperatorError) {
        switch self {
        case .priceLockStatus: change.priceLockStatus = value
        case .inventoryLocationIDs: change.inventoryLocationIDs = Self.list(value)
        case .useCustomerDefaultInventorySource: change.useCustomerDefaultInventorySource = try bool(value)
        case .defaultSalesOrderLocationID: change.defaultSalesOrderLocationID = value
        case .syncPrices: change.syncPrices = try bool(value)
        case .syncPayments: change.syncPayments = try bool(value)
        case .errorRecipients: change.errorRecipients = Self.list(value)
        case .orderPollSeconds: change.orderPollSeconds = try seconds(value)
        case .productPollSeconds: change.productPollSeconds = try seconds(value)
        case .inventoryPushSeconds: change.inventoryPushSeconds = try seconds(value)
        case .leafLinkBaseURL:
            guard value.hasPrefix("https://") || value.hasPrefix("http://") else {
                throw OperatorError(field: rawValue, message: "'\(value)' is not a URL; give e.g. https://app.leaflink.com")
            }
            change.leafLinkBaseURL = value
        }
    }

    private func bool(_ value: String) throws(OperatorError) -> Bool {
        switch value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw OperatorError(field: rawValue, message: "'\(value)' is not true or false")
        }
    }

    private func seconds(_ value: String) throws(OperatorError) -> Int {
        guard let n = Int(value), n > 0 else { throw OperatorError(field: rawValue, message: "'\(value)' is not a whole number of seconds, at least 1") }
        return n
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The current value of every key, as `settings set` would take it back.
    static func rows(_ s: Settings) -> [SettingRow] {
        var rows = allCases.map { key -> SettingRow in
            let value: String
            switch key {
            case .priceLockStatus: value = s.priceLockStatus?.rawValue ?? ""
            case .inventoryLocationIDs: value = s.inventoryLocationIDs.joined(separator: ",")
            case .useCustomerDefaultInventorySource: value = String(s.useCustomerDefaultInventorySource)
            case .defaultSalesOrderLocationID: value = s.defaultSalesOrderLocationID ?? ""
            case .syncPrices: value = String(s.syncPrices)
            case .syncPayments: value = String(s.syncPayments)
            case .errorRecipients: value = s.errorRecipients.joined(separator: ",")
            case .orderPollSeconds: value = String(s.orderPollSeconds)
            case .productPollSeconds: value = String(s.productPollSeconds)
            case .inventoryPushSeconds: value = String(s.inventoryPushSeconds)
            case .leafLinkBaseURL: value = s.leafLinkBaseURL
            }
            return SettingRow(key: key.rawValue, value: value)
        }
        rows += s.statusMapping.map { (statusMappingPrefix + $0.key.rawValue, $0.value.rawValue) }.sorted { $0.0 < $1.0 }.map {
            SettingRow(key: $0.0, value: $0.1)
        }
        rows.append(SettingRow(key: "webhookKeyConfigured", value: String(s.webhookKeyConfigured)))
        rows.append(SettingRow(key: "metrcConfigured", value: String(s.metrcConfigured)))
        return rows
    }

    /// A short description of a change for ``Recorded/summary``.
    static func summary(_ assignments: [String: String]) -> String {
        "settings " + assignments.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
