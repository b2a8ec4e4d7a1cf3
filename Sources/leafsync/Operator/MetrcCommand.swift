import ArgumentParser
import Foundation
import LeafSyncJSON
import LeafSyncService

struct MetrcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrc",
        abstract: "Metrc transfers: a template from an SO (R-MTC-01), a transfer matched to an SO by hand (R-MTC-03).",
        discussion: """
            Examples:
              leafsync metrc template SO-001042 --dir D
              leafsync metrc match SO-001042 9188207 --line 1=1A4FF0100000022000001303,1A4FF0100000022000001304 --line 2=1A4FF0100000022000001301 --dir D
            The engine matches the transfers it polls from Metrc by itself (R-MTC-02); each SO's template,
            its error and its transfer: leafsync audit sql "SELECT * FROM metrc_sales_orders" --dir D
            """,
        subcommands: [Template.self, Match.self]
    )

    @OptionGroup var tenant: TenantOption

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a Metrc outgoing transfer template from an SO.",
            discussion: """
                The template is named after the SO number, with the SO number as its invoice number, the \
                customer's licence as its destination and the packages assigned to the SO's lines in Distru, \
                priced at each line's total; it is created under the licence in LEAFSYNC_METRC_LICENSE. The \
                template id, or Metrc's error, is recorded on the SO. Refused (exit 2, with the reason) when a \
                line has no package, the customer has no licence, or the SO already has a template or transfer.

                Example: leafsync metrc template SO-001042 --dir D
                """)
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The SO (id or number), or the LeafLink order it was made from.") var salesOrder: String
        func run() async throws {
            try await options.act(.post("/admin/v1/metrc/template", ["salesOrder": .string(salesOrder)])) {
                try await $0.metrcTemplate(so: salesOrder)
            }
        }
    }

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match an SO to a Metrc transfer by hand, one or more packages per line; the SO is then completed.",
            discussion: """
                Every line of the SO needs --line LINE=LABEL[,LABEL…] (repeat --line for each line). LINE is \
                the line's 1-based position on the SO (in Distru's order; an unknown LINE is refused with the \
                list) or its Distru item id; the labels are Metrc package labels on the transfer. TRANSFER-ID \
                is the transfer's Metrc Id (or its manifest number) as polled from Metrc. The SO is then linked \
                to the transfer and COMPLETED in Distru, and its LeafLink order walked to Complete. Refused \
                (exit 2, with the reason) when the transfer is voided, a line gets no package, or a label is \
                not on the transfer.

                Example: leafsync metrc match SO-001042 9188207 --line 1=1A4FF0100000022000001303,1A4FF0100000022000001304 --line 2=1A4FF0100000022000001301 --dir D
                """)
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The SO (id or number), or the LeafLink order it was made from.") var salesOrder: String
        @Argument(help: "The Metrc transfer's Id (or manifest number).") var transfer: String
        @Option(name: .customLong("line"), help: "LINE=LABEL[,LABEL…]: a line (1-based position or Distru item id) and its package labels.")
        var lines: [String] = []

        func validate() throws {
            if lines.isEmpty { throw ValidationError("give each line of the SO its packages: --line LINE=LABEL[,LABEL…]") }
            _ = try parsedLines()
        }

        /// `LINE=LABEL,LABEL` → (LINE, [LABEL, LABEL]).
        func parsedLines() throws -> [(line: String, labels: [String])] {
            try lines.map { text in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                let labels =
                    parts.count == 2
                    ? parts[1].split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
                guard parts.count == 2, !parts[0].isEmpty, !labels.isEmpty else {
                    throw ValidationError("--line \(text): write LINE=LABEL[,LABEL…], e.g. --line 1=1A4FF0100000022000001303")
                }
                return (parts[0].trimmingCharacters(in: .whitespaces), labels)
            }
        }

        func run() async throws {
            let lines = try parsedLines()
            let call = AdminCall.post(
                "/admin/v1/metrc/match",
                [
                    "salesOrder": .string(salesOrder), "transfer": .string(transfer),
                    "lines": .object(JSONObject(lines.map { ($0.line, .array($0.labels.map(JSONValue.string))) })),
                ])
            try await options.act(call) { try await $0.metrcMatch(so: salesOrder, transfer: transfer, lines: lines) }
        }
    }
}
