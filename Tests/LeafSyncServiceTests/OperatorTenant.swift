import Foundation
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport

/// A tenant log holding the demo seeds' people, customers, companies and products (as the fetch
/// loops would append them), opened for the operator desk.
struct OperatorTenant {
    let directory: TemporaryDirectory
    let log: OperatorLog
    var desk: OperatorDesk { log.desk }
    var logPath: String { directory.sub("log") }

    static let seeds: [(String, String, EventFactory.Observed)] = [
        ("leaflink", "company-staff.json", .leafLinkStaff), ("leaflink", "customers.json", .leafLinkCustomer),
        ("leaflink", "products.json", .leafLinkProduct), ("distru", "users.json", .distruUser), ("distru", "companies.json", .distruCompany),
        ("distru", "products.json", .distruProduct),
    ]

    /// `extra` events are appended after the seeds.
    static func make(extra: [NewEvent] = []) async throws -> OperatorTenant {
        let directory = TemporaryDirectory("operator")
        let writer = try EventLogWriter(directory: directory.sub("log"))
        var events: [NewEvent] = []
        for (side, file, kind) in seeds {
            let root = side == "leaflink" ? Paths.leafLinkDemo : Paths.distruDemo
            let json = try JSONParser.parse(Array(try Data(contentsOf: root.appendingPathComponent(file))))
            for record in json.array ?? [] {
                let id = record["id"].flatMap { AdminText.text($0) } ?? ""
                events.append(EventFactory.observed(kind, id: id, bytes: JSONWriter.compactBytes(record), at: Timestamp(microseconds: 1_000_000)))
            }
        }
        _ = try await writer.append(events + extra)
        await writer.close()
        return OperatorTenant(directory: directory, log: try OperatorLog(directory: directory.sub("log")))
    }

    /// The number of events in the log (after closing the desk's writer, or while it is open).
    func eventCount() throws -> Int {
        let cursor = try EventLogReader(directory: logPath).cursor(from: 1)
        var count = 0
        while try cursor.next() != nil { count += 1 }
        return count
    }
}

/// A JSON scalar as text (ids are numbers on LeafLink, strings on Distru).
enum AdminText {
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .number(let n): n
        default: nil
        }
    }
}
