import Foundation
import Hummingbird
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections

/// The settings page: every setting as a labelled field, the errors of a rejected change beside
/// their fields, and the what-if preview of a change before it is saved.
extension ConsoleServer {
    /// The keys the form edits, in its order: ``SettingKey``'s, then one status mapping per LeafLink status.
    static var editableKeys: [String] {
        SettingKey.allCases.map(\.rawValue) + SettingsChange.leafLinkStatuses.map { SettingKey.statusMappingPrefix + $0 }
    }

    /// Settings shown but not edited here (they follow the service's configuration).
    static let readOnlyKeys: Set<String> = ["webhookKeyConfigured", "metrcConfigured"]

    /// The page with `values` in the fields (the current settings by default) and `errors` beside them.
    func settingsPage(
        values: [String: String]? = nil, errors: [String: String] = [:], whatIf: WhatIfView? = nil
    ) async throws -> SettingsPage {
        let rows = try await desk.settings()
        let current = Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let values = values ?? current
        let help = Dictionary(SettingsChange.assignableKeys.map { ($0.key, $0.accepts) }, uniquingKeysWith: { first, _ in first })
        let fields = Self.editableKeys.map { key -> SettingField in
            let value = values[key] ?? current[key] ?? ""
            let isMapping = key.hasPrefix(SettingKey.statusMappingPrefix)
            let snake = SettingsChange.snakeCase(key)
            var choices: [String]? =
                switch key {
                case SettingKey.useCustomerDefaultInventorySource.rawValue, SettingKey.syncPrices.rawValue,
                    SettingKey.syncPayments.rawValue:
                    ["true", "false"]
                case SettingKey.priceLockStatus.rawValue: [""] + SettingsChange.leafLinkStatuses
                default: isMapping ? [""] + SettingsChange.distruStatuses : nil
                }
            if let list = choices, !list.contains(value) { choices = list + [value] }
            return SettingField(
                key: key, label: isMapping ? "Status mapping: LeafLink \(key.dropFirst(SettingKey.statusMappingPrefix.count))" : key,
                value: value,
                help: "Accepts " + (help[isMapping ? "status_mapping.<LeafLink status>" : snake] ?? "text") + ".", isSelect: choices != nil,
                options: (choices ?? []).map { Choice(value: $0, label: $0.isEmpty ? "(default)" : $0, selected: $0 == value) },
                fieldError: errors[key])
        }
        return SettingsPage(
            fields: fields, facts: rows.filter { Self.readOnlyKeys.contains($0.key) }.map { NameValue(name: $0.key, value: $0.value) },
            whatIf: whatIf)
    }

    /// `POST /console/settings`: the fields that differ from the current settings are the change.
    /// Each is checked as `settings set` checks it: a bad one shows the page again (`422`) with
    /// its error beside the field, nothing recorded. With `preview`, the what-if of the change is
    /// shown and nothing recorded; else the change is recorded and the page shows what was.
    func saveSettings(_ request: Request) async throws -> Response {
        try await posted(request) { session, form in
            let current = Dictionary(try await desk.settings().map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            var submitted: [String: String] = [:]
            for key in Self.editableKeys {
                if let value = form.fields[key] { submitted[key] = value.trimmingCharacters(in: .whitespaces) }
            }
            let changes = submitted.filter { current[$0.key, default: ""] != $0.value }
            var errors: [String: String] = [:]
            for (key, value) in changes {
                do { _ = try SettingKey.change([key: value]) } catch let error as OperatorError { errors[key] = error.message } catch {
                    errors[key] = "\(error)"
                }
            }
            func again(_ status: HTTPResponse.Status, _ message: String?, whatIf: WhatIfView? = nil) async throws -> Response {
                render(
                    .settings, session: session, model: try await settingsPage(values: submitted, errors: errors, whatIf: whatIf),
                    status: status,
                    error: message)
            }
            guard errors.isEmpty else {
                return try await again(
                    .unprocessableContent, "Not saved: \(errors.count) setting(s) need another value (see beside each field).")
            }
            guard !changes.isEmpty else { return try await again(.unprocessableContent, "No setting changed: edit a value first.") }
            if form.fields["preview"] != nil { return try await again(.ok, nil, whatIf: try await preview(changes)) }
            do {
                let recorded = try await desk.setSettings(changes)
                sessions.flash(session.id, notice: recorded.text, error: recorded.refusal.map { "Refused by the engine: \($0)" })
                return ConsoleHTTP.redirect(ConsolePage.settings.path)
            } catch let error as OperatorError {
                if Self.editableKeys.contains(error.field) { errors[error.field] = error.message }
                return try await again(.unprocessableContent, "Not saved: \(error.field): \(error.message)")
            }
        }
    }

    /// What `leafsync what-if settings set …` shows for `changes`, from the log.
    func preview(_ changes: [String: String]) async throws -> WhatIfView {
        let change = try SettingKey.change(changes)
        let text = SettingKey.summary(changes)
        guard let logPath = connection.logPath else {
            return WhatIfView(
                change: text, summary: "No preview: the console was not given the tenant's log.", hasDifferences: false, differences: [])
        }
        let report = try await onOwnThread(named: "leafsync.console.what-if") { try Replay.whatIf(logPath: logPath, change: change) }
        let differences = report.differences.map { d in
            DifferenceLine(
                kind: d.kind.rawValue, target: d.target, action: d.action, rule: d.rule, before: d.before?.canonicalText ?? "",
                after: d.after?.canonicalText ?? "")
        }
        let summary =
            differences.isEmpty
            ? "No command would differ up to the push cycle at \(report.pushCycleAt)."
            : "\(differences.count) command(s) would differ up to the push cycle at \(report.pushCycleAt) (the change made after log sequence \(report.afterSequence))."
        return WhatIfView(change: text, summary: summary, hasDifferences: !differences.isEmpty, differences: differences)
    }
}
