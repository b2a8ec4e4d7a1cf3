import ArgumentParser
import Foundation
import LeafSyncLog

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append one event per payload file (or one from standard input).",
        discussion: """
            Opens the log for writing (creating the directory if needed), so it refuses to run while \
            another process writes the log. The payload is stored byte for byte.

            Example:
              leafsync log append ./log --type leaflink.order.observed --source leaflink \\
                  --subject ll-order:aec108ac-a1f4-40fa-966e-a12ga9bf6e2f data/samples/leaflink/order.json
            """
    )

    @OptionGroup var log: LogDirectoryArgument

    @Option(help: "Event type, e.g. leaflink.order.observed.")
    var type: String

    @Option(help: "Where the fact came from: leaflink, distru, metrc, operator or engine.")
    var source: String

    @Option(help: "The entity it is about, e.g. ll-order:<number> or distru-product:<uuid>.")
    var subject: String

    @Option(help: "Schema version of the payload.")
    var schemaVersion: UInt16 = 1

    @Option(help: "Durability: fsync, group or none.")
    var durability: String = "fsync"

    @Argument(help: "Payload files; none reads one payload from standard input.")
    var payloadFiles: [String] = []

    func run() async throws {
        guard let policy = EventLogOptions.Durability(rawValue: durability) else {
            throw ValidationError("--durability must be fsync, group or none, not '\(durability)'")
        }
        var payloads: [[UInt8]] = []
        if payloadFiles.isEmpty {
            payloads.append(Array(FileHandle.standardInput.readDataToEndOfFile()))
        } else {
            for file in payloadFiles {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read payload file \(file)")
                }
                payloads.append(Array(data))
            }
        }
        let writer = try EventLogWriter(directory: log.directory, options: EventLogOptions(durability: policy))
        if let recovery = writer.recovery { printError("note: \(recovery)") }
        do {
            let events = payloads.map {
                NewEvent(type: type, schemaVersion: schemaVersion, source: source, subject: subject, payload: $0)
            }
            let range = try await writer.append(events)
            await writer.close()
            print(range.count == 1 ? "appended event \(range.lowerBound)" : "appended events \(range.lowerBound)…\(range.upperBound)")
        } catch {
            await writer.close()
            throw error
        }
    }
}
