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
    /// cannot be read (an unknown key lists the known ones). Parsed by
    /// ``SettingsChange/assign(_:)``, the one reader of settings (what-if uses it too).
    public static func change(_ assignments: [String: String]) throws(OperatorError) -> SettingsChange {
        var change = SettingsChange()
        for (key, value) in assignments.sorted(by: { $0.key < $1.key }) {
            do {
                try change.assign("\(key)=\(value)")
            } catch {
                throw OperatorError(field: key, message: "\(error)")
            }
        }
        return change
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
