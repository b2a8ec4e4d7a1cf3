/// What the templates render: plain values, one struct per thing a page lists. Mustache reads
/// stored properties by name (through `Mirror`), so each name here is a name in a template.
///
/// A value that may be missing is an empty string rather than `nil` where a template prints it:
/// Mustache looks a missing name up in the enclosing objects, which would print another's value.
struct ConsoleView {
    var title: String
    var nav: [NavLink]
    var csrf: String
    var signedIn: Bool
    var notice: String?
    var error: String?
    /// The page's own model (one of the `…Page` structs below).
    var page: Any
}

struct NavLink {
    var href: String
    var label: String
    var current: Bool
}

/// An `<option>`.
struct Choice: Equatable {
    var value: String
    var label: String
    var selected: Bool
}

struct NameValue {
    var name: String
    var value: String
}

struct OrdersPage {
    var orders: [OrderLine]
    var count: Int
}

struct OrderLine {
    var number: String
    var href: String
    var shortID: String?
    var customer: String
    var status: String
    var phase: String
    var so: String
    var blocked: Bool
    var blockers: [BlockerLine]
}

/// Why an order waits, what fixes it and the page that does (when the console has one).
struct BlockerLine {
    var text: String
    var fix: String?
    var fixHref: String?
}

struct OrderPage {
    var order: OrderLine
    var hasErrors: Bool
    var errors: [ErrorLine]
    var timeline: [TimelineStep]
    /// Where the timeline comes from (the log, or the engine's recent decisions).
    var source: String
}

struct TimelineStep {
    var sequence: String
    var time: String
    var rule: String
    var text: String
    var event: String?
}

struct UsersPage {
    var reps: [RepLine]
}

struct RepLine {
    var id: String
    var name: String
    var email: String
    var active: Bool
    var isMapped: Bool
    var mapped: String
    var suggested: String
    var users: [Choice]
}

struct ProductsPage {
    var suggestions: [SuggestionRow]
    var unlinked: [UnlinkedLine]
    var linked: [LinkedLine]
}

struct UnlinkedLine {
    var side: String
    var sideName: String
    var id: String
    var name: String
    var sku: String
    var isDistru: Bool
    /// The form field naming this product, and the one naming the other side's.
    var ownField: String
    var otherField: String
    var otherName: String
    var suggested: String
    var placement: [PlacementField]
}

/// One LeafLink id a product created in LeafLink needs (R-PRD-05).
struct PlacementField {
    var fieldID: String
    var name: String
    var label: String
    var inputMode: String
}

struct LinkedLine {
    var distruProduct: String
    var distruName: String
    var leafLinkProduct: String
    var leafLinkName: String
    var fields: [NameValue]
}

struct CustomersPage {
    var customers: [CustomerLine]
}

struct CustomerLine {
    var id: String
    var name: String
    var license: String
    var company: String
    var companies: [Choice]
}

struct SettingsPage {
    var fields: [SettingField]
    var facts: [NameValue]
    var whatIf: WhatIfView?
}

struct SettingField {
    var key: String
    var label: String
    var value: String
    var help: String
    var isSelect: Bool
    var options: [Choice]
    var fieldError: String?
}

struct WhatIfView {
    var change: String
    var summary: String
    var hasDifferences: Bool
    var differences: [DifferenceLine]
}

struct DifferenceLine {
    var kind: String
    var target: String
    var action: String
    var rule: String
    var before: String
    var after: String
}

struct ErrorsPage {
    var errors: [ErrorLine]
}

struct ErrorLine {
    var id: String
    var subject: String
    var rule: String
    var opened: String
    var resolved: String
    var emailed: String
    var message: String
    var fix: String
    /// Open and resolvable here (a failed push, retried): the row gets a Resolve form.
    var open: Bool
    var isOpen: Bool
    /// `open` or `resolved`: the row's class.
    var state: String
}

struct CommandsPage {
    var commands: [CommandQueueLine]
    var hasFailed: Bool
    var done: Int
}

struct CommandQueueLine {
    var key: String
    var action: String
    var target: String
    var rule: String
    var status: String
    var attempts: String
    var nextAttempt: String
    var dependsOn: String
    var lastError: String
    var failed: Bool
}

struct ConnectionPage {
    var remotes: [RemoteLine]
    var fetches: [FetchLine]
    var webhooks: [NameValue]
    var health: String
    var checks: [NameValue]
}

struct RemoteLine {
    var name: String
    var state: String
    var baseURL: String
    var webhooks: String
}

struct FetchLine {
    var name: String
    var last: String
    var lag: String
}
