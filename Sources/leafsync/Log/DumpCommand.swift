import ArgumentParser
import Foundation
import LeafSyncJSON
import LeafSyncLog

struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print events, one per line.",
        discussion: """
            Human output shows sequence, recorded-at, type and version, source, subject and the \
            payload (truncated to --width). With --json each line is one object; a JSON payload is \
            embedded as parsed (member order and number text kept, no spaces), any other payload as \
            `payload_base64`.
            """
    )

    @OptionGroup var log: LogDirectoryArgument

    @Option(help: "First sequence to print.")
    var from: UInt64 = 1

    @Option(help: "Print at most this many events.")
    var limit: UInt64?

    @Flag(help: "One JSON object per line.")
    var json = false

    @Option(help: "Characters of payload to show in human output (0 hides it).")
    var width = 120

    func run() throws {
        let reader = try EventLogReader(directory: log.directory)
        let cursor = try reader.cursor(from: from)
        var printed: UInt64 = 0
        var output = ""
        while limit.map({ printed < $0 }) ?? true, let event = try cursor.next() {
            output += json ? EventFormatting.jsonLine(event) : EventFormatting.humanLine(event, width: width)
            output += "\n"
            printed += 1
            if output.utf8.count > 1 << 16 {
                FileHandleWriter.write(output, to: 1)
                output = ""
            }
        }
        FileHandleWriter.write(output, to: 1)
    }
}

/// How events are shown by `dump` (and, later, by `audit` and `replay`).
enum EventFormatting {
    static func humanLine(_ event: RecordedEvent, width: Int) -> String {
        var line = "\(event.sequence)  \(event.recordedAt)  \(event.type) v\(event.schemaVersion)  \(event.source)  \(event.subject)"
        if let causation = event.causationID { line += "  caused-by:\(causation)" }
        if let correlation = event.correlationID { line += "  correlation:\(correlation)" }
        if width > 0 {
            let text = String(decoding: event.payload, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            line += "  " + (text.count > width ? String(text.prefix(width)) + "…" : text)
        }
        return line
    }

    static func jsonLine(_ event: RecordedEvent) -> String {
        var line: JSONObject = [
            "seq": .number(String(event.sequence)), "recorded_at": .string(event.recordedAt.description),
            "type": .string(event.type), "schema_version": .int(Int(event.schemaVersion)),
            "source": .string(event.source), "subject": .string(event.subject),
        ]
        if let causation = event.causationID { line["causation_id"] = .number(String(causation)) }
        if let correlation = event.correlationID { line["correlation_id"] = .string(correlation) }
        if let payload = try? JSONDocument.parse(event.payload) {
            line["payload"] = payload.root.value
        } else {
            line["payload_base64"] = .string(Data(event.payload).base64EncodedString())
        }
        return JSONWriter.compact(.object(line))
    }
}
