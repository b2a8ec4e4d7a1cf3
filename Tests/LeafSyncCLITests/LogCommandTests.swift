import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

/// `leafsync log …` run as a user runs it: the built executable in a child process.
@Suite("leafsync log commands")
struct LogCommandTests {
    static let leafsync = Products.executable("leafsync")
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/samples").path

    func appendSamples(to log: String) throws {
        let result = try runCommand(
            Self.leafsync,
            [
                "log", "append", log, "--type", "leaflink.order.observed", "--source", "leaflink",
                "--subject", "ll-order:aec108ac-a1f4-40fa-966e-a12ga9bf6e2f",
                Self.samples + "/leaflink/order.json", Self.samples + "/leaflink/product.json", Self.samples + "/distru/product.json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("appended events"))
    }

    @Test("verify, stats --json and dump on a sound log")
    func soundLog() throws {
        let directory = TemporaryDirectory("cli")
        let log = directory.sub("log")
        try appendSamples(to: log)

        let verify = try runCommand(Self.leafsync, ["log", "verify", log])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("sound: 3 events"))
        #expect(try runCommand(Self.leafsync, ["log", "dump", log, "--width", "0"]).stdout.contains("1  "))

        let stats = try runCommand(Self.leafsync, ["log", "stats", log, "--json"])
        #expect(stats.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        for key in ["events", "segments", "first_seq", "last_seq", "bytes_on_disk", "uncompressed_bytes", "compression_ratio"] {
            #expect(object[key] != nil, "stats --json lacks \(key)")
        }
        #expect(object["events"] as? Int == 3)
        #expect(object["last_seq"] as? Int == 3)

        let dump = try runCommand(Self.leafsync, ["log", "dump", log, "--from", "2", "--limit", "1", "--json"])
        #expect(dump.status == 0)
        let lines = dump.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(event["seq"] as? Int == 2)
        #expect(event["type"] as? String == "leaflink.order.observed")
        #expect((event["payload"] as? [String: Any])?["sku"] as? String == "SWI-BAR-DAR-100")

        let human = try runCommand(Self.leafsync, ["log", "dump", log, "--width", "0"])
        #expect(human.stdout.split(separator: "\n").count == 3)
    }

    @Test("verify exits non-zero naming segment and offset; repair refuses without --force, then quarantines")
    func corruptedLog() throws {
        let directory = TemporaryDirectory("cli")
        let log = directory.sub("log")
        try appendSamples(to: log)
        try appendSamples(to: log)  // a second batch, so damage to the first is in the middle
        let segment = log + "/00000000000000000001.seg"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
        bytes[60] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: segment))

        let verify = try runCommand(Self.leafsync, ["log", "verify", log])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("00000000000000000001.seg at byte offset 0"))

        let refused = try runCommand(Self.leafsync, ["log", "repair", log])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--force"))
        #expect(refused.stderr.contains("6 events"))

        let repaired = try runCommand(Self.leafsync, ["log", "repair", log, "--force"])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stdout.contains("cut 6 events (sequences 1…6)"))
        #expect(try runCommand(Self.leafsync, ["log", "verify", log]).status == 0)
        try appendSamples(to: log)  // writes resume at sequence 1
    }

    @Test("compact re-encodes the log, which still verifies and dumps the same events; a second run has nothing to do")
    func compact() throws {
        let directory = TemporaryDirectory("cli")
        let log = directory.sub("log")
        try appendSamples(to: log)
        let before = try runCommand(Self.leafsync, ["log", "dump", log, "--json"]).stdout

        let compacted = try runCommand(Self.leafsync, ["log", "compact", log])
        #expect(compacted.status == 0, "\(compacted.stderr)")
        #expect(compacted.stdout.contains("compacted 1 segment(s), 1 batches"))
        #expect(compacted.stderr.contains("1/1 00000000000000000001.seg: compacted"))
        #expect(try runCommand(Self.leafsync, ["log", "verify", log]).stdout.contains("sound: 3 events"))
        #expect(try runCommand(Self.leafsync, ["log", "dump", log, "--json"]).stdout == before)

        let again = try runCommand(Self.leafsync, ["log", "compact", log])
        #expect(again.status == 0 && again.stdout.contains("nothing to compact: 1 segment(s) already compacted"))
    }

    @Test("repair truncates a torn tail, and a missing directory is a clear error")
    func tornTailAndMissing() throws {
        let directory = TemporaryDirectory("cli")
        let log = directory.sub("log")
        try appendSamples(to: log)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log + "/00000000000000000001.seg"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x4C, 0x53, 0x42, 0x31, 0x01]))
        try handle.close()

        let verify = try runCommand(Self.leafsync, ["log", "verify", log])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("torn tail"))
        let repair = try runCommand(Self.leafsync, ["log", "repair", log])
        #expect(repair.status == 0)
        #expect(repair.stdout.contains("truncated a torn tail: 5 bytes"))
        #expect(try runCommand(Self.leafsync, ["log", "verify", log]).status == 0)

        let missing = try runCommand(Self.leafsync, ["log", "stats", directory.sub("nope")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("is not an event log: no such directory"))
    }

    @Test("append writes a type's current schema version by default, and refuses a version or a type the engine does not know")
    func appendSchemaVersion() throws {
        let directory = TemporaryDirectory("cli")
        let log = directory.sub("log")
        let payload = directory.sub("map.json")
        try Data(#"{"distruUserID":"5150","leafLinkStaffID":13}"#.utf8).write(to: URL(fileURLWithPath: payload))
        func append(_ type: String, _ extra: [String] = []) throws -> CommandResult {
            try runCommand(
                Self.leafsync, ["log", "append", log, "--type", type, "--source", "operator", "--subject", "distru-user:5150"] + extra + [payload])
        }
        // A current rep mapping (v2 payload) is written as v2, not as a v1 event the reducer would reject.
        let current = try append("operator.rep.map-requested")
        #expect(current.status == 0, "\(current.stderr)")
        let older = try append("operator.rep.map-requested", ["--schema-version", "1"])
        #expect(older.status == 0, "\(older.stderr)")

        let future = try append("operator.rep.map-requested", ["--schema-version", "3"])
        #expect(future.status != 0)
        #expect(future.stderr.contains("--schema-version 3: operator.rep.map-requested has versions 1…2 (2 is current"))
        let misspelt = try append("operator.rep.map-requsted")
        #expect(misspelt.status != 0)
        #expect(misspelt.stderr.contains("the engine knows no event type 'operator.rep.map-requsted' (did you mean operator.rep.map-requested?)"))
        let foreign = try append("test.note", ["--schema-version", "7"])
        #expect(foreign.status == 0, "\(foreign.stderr)")

        let cursor = try EventLogReader(directory: log).cursor(from: 1)
        var versions: [UInt16] = []
        while let event = try cursor.next() { versions.append(event.schemaVersion) }
        #expect(versions == [2, 1, 7])
    }

    @Test("--help teaches the log commands")
    func help() throws {
        let help = try runCommand(Self.leafsync, ["log", "--help"])
        for word in ["verify", "stats", "dump", "append", "compact", "repair", "Examples"] {
            #expect(help.stdout.contains(word))
        }
    }
}
