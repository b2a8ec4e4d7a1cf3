import ArgumentParser
import Foundation
import LeafSyncProjections

/// Renders rows as an aligned text table, or as a JSON array of objects with `--json`.
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

    func renderJSON() -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row).map { ($0, $1.map { $0 as Any } ?? NSNull()) })
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// The tenant directory option every projection command takes.
struct TenantOption: ParsableArguments {
    @Option(name: .customLong("dir"), help: "The tenant directory: the one holding log/ (and projections.sqlite).", completion: .directory)
    var directory: String

    var tenant: TenantDirectory { TenantDirectory(directory) }
}
