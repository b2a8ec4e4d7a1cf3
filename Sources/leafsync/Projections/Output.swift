import ArgumentParser
import Foundation
import LeafSyncJSON
import LeafSyncProjections

/// Renders rows as an aligned text table, or as a JSON array of objects with `--json` (members
/// sorted by column name, a NULL cell as `null`).
struct TableOutput {
    var columns: [String]
    var rows: [[String?]]

    func render(json: Bool) -> String {
        json ? renderJSON() : renderText()
    }

    func renderText() -> String {
        guard !rows.isEmpty else { return "(no rows)" }
        let cells = rows.map { $0.map { ($0 ?? "").replacingOccurrences(of: "\n", with: " | ") } }
        var widths = columns.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = min(max(widths[index], cell.count), 80) }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                let clipped = value.count > widths[index] ? String(value.prefix(widths[index] - 1)) + "…" : value
                return index == values.count - 1 ? clipped : clipped.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var output = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        output += cells.map(line)
        return output.joined(separator: "\n")
    }

    /// The rows as a JSON array of objects.
    var json: JSONValue {
        .array(
            rows.map { row in
                .object(JSONObject(zip(columns, row).sorted { $0.0 < $1.0 }.map { ($0, $1.map(JSONValue.string) ?? .null) }))
            })
    }

    func renderJSON() -> String { JSONWriter.compact(json) }
}

/// The tenant directory option every tenant command takes: `--dir DIR` anywhere on the command
/// line (a parent command such as `audit` or `users` declares it too, and its subcommands inherit
/// the value), else the `LEAFSYNC_DIR` environment variable.
struct TenantOption: ParsableArguments {
    @Option(
        name: .customLong("dir"), help: "The tenant directory: the one holding log/ (and projections.sqlite). Else LEAFSYNC_DIR.",
        completion: .directory)
    var given: String?

    /// The directory given, or LEAFSYNC_DIR's value ("" when neither is set; `validate` refuses that).
    var directory: String { given ?? ProcessInfo.processInfo.environment["LEAFSYNC_DIR"] ?? "" }

    var tenant: TenantDirectory { TenantDirectory(directory) }

    /// Refuses a missing directory, except when help is asked for: a parent command (`users`)
    /// validates its options before its subcommand's `--help` is seen.
    func validate() throws {
        if directory.isEmpty && !CommandLine.arguments.contains(where: { $0 == "--help" || $0 == "-h" }) { throw ValidationError("give the tenant directory: --dir DIR (anywhere on the command line) or LEAFSYNC_DIR") }
    }
}
