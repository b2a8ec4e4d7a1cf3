import DistruSimulator
import HTTPClientSupport
import LeafLinkSimulator
import LeafSyncDomain
import LeafSyncTestSupport
import Testing

/// The log lines of the dispatcher, the fetchers and the HTTP clients carry their identifiers as
/// metadata (``LogContext``: `command`, `subject`, `remote`), and never a secret.
@Suite("Structured log metadata")
struct LogMetadataTests {
    @Test("a dispatch line carries command, subject and remote; the HTTP calls made for it carry them too; no line holds an API key")
    func dispatchLinesCarryMetadata() async throws {
        let logs = LogCapture()
        try await withEngine(logs: logs) { engine, _, _ in
            try await engine.record(contentsOf: Demo.setup)
            try await engine.cycle()
            try await engine.cycle()
        }
        let records = logs.records
        let sent = records.filter { $0.label == "leafsync.dispatch" && $0.message == "sent" }
        #expect(!sent.isEmpty)
        let create = try #require(sent.first { $0.metadata["command"]?.hasPrefix("distru-so-create:") == true })
        #expect(create.metadata["subject"] == "ll-order:\(Demo.order)")
        #expect(create.metadata["remote"] == "distru")
        for line in sent {
            #expect(line.metadata["command"] != nil && line.metadata["subject"] != nil)
            #expect(["leaflink", "distru", "smtp"].contains(line.metadata["remote"] ?? ""), "\(line)")
        }
        // The SO creation's own HTTP calls, several layers below the dispatcher, name it.
        let calls = records.filter { $0.label == "leafsync.distru" && $0.metadata["command"] == create.metadata["command"] }
        #expect(!calls.isEmpty)
        #expect(calls.allSatisfy { $0.metadata["remote"] == "distru" && $0.metadata["subject"] == "ll-order:\(Demo.order)" })
        #expect(calls.allSatisfy { $0.metadata["call"]?.contains("/orders") == true }, "\(calls)")
        // A fetch pass names its remote and resource, not in the message.
        let fetched = try #require(records.first { $0.label == "leafsync.ingest.leaflink" && $0.message.hasPrefix("fetched:") })
        #expect(fetched.metadata["remote"] == "leaflink" && fetched.metadata["resource"] != nil)

        for key in [LeafLinkSimulator.defaultAPIKey, DistruSimulator.defaultAPIKey] {
            #expect(!records.contains { "\($0)".contains(key) }, "a log line holds the API key")
        }
    }
}
