import ArgumentParser
import Foundation
import LeafSyncDomain
import LeafSyncLog

struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append one event per payload file (or one from standard input).",
        discussion: """
            Opens the log for writing (creating the directory if needed), so it refuses to run while \
            another process writes the log. The payload is stored byte for byte.

            The schema version is the type's current one unless --schema-version names an older one \
            the engine still reads (it is upcast on read); a version the type does not have is refused. \
            A type the engine does not know (it would ignore the event) is refused too, with the \
            nearest known type, unless --schema-version is given.

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

    @Option(help: "Schema version of the payload (default: the type's current version, e.g. 2 for operator.rep.map-requested).")
    var schemaVersion: UInt16?

    @Option(help: "Durability: fsync, group or none.")
    var durability: String = "fsync"

    @Argument(help: "Payload files; none reads one payload from standard input.")
    var payloadFiles: [String] = []

    /// The version to write: the given one if the type has it, else the type's current one.
    /// A type outside the catalog (``EventType/isKnown(_:)``) needs an explicit version.
    func version() throws -> UInt16 {
        guard let known = EventType.knownVersions(of: type) else {
            if let schemaVersion { return schemaVersion }
            throw ValidationError(
                "the engine knows no event type '\(type)'\(NearestName.hint(for: type, among: EventType.all)) and would ignore it; "
                    + "give --schema-version to append it anyway")
        }
        guard let schemaVersion else { return known.upperBound }
        guard known.contains(schemaVersion) else {
            let versions = known.count == 1 ? "only version \(known.upperBound)" : "versions \(known.lowerBound)…\(known.upperBound)"
            throw ValidationError(
                "--schema-version \(schemaVersion): \(type) has \(versions) (\(known.upperBound) is current; omit the option to use it)")
        }
        return schemaVersion
    }

    func run() async throws {
        guard let policy = EventLogOptions.Durability(rawValue: durability) else {
            throw ValidationError("--durability must be fsync, group or none, not '\(durability)'")
        }
        let schemaVersion = try version()
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
