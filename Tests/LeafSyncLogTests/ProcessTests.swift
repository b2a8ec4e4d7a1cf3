import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: writers and readers in several processes", .serialized)
struct ProcessTests {
    @Test("a second writer is refused, in this process and in another, with the lock file named")
    func secondWriterRefused() async throws {
        let directory = TemporaryDirectory()
        let writer = try EventLogWriter(directory: directory.path)
        do {
            _ = try EventLogWriter(directory: directory.path)
            Issue.record("a second writer opened")
        } catch let EventLogError.locked(_, lockFile, pid) {
            #expect(lockFile == directory.path + "/writer.lock")
            #expect(pid == getpid())
        }
        let child = try ChildProcess(Products.executable("leafsync-log-child"), ["lock", directory.path])
        let line = child.waitForLine { _ in true }
        #expect(
            line?.hasPrefix("error: the log at \(directory.path) is already open for writing by process \(getpid())") == true,
            "got \(line ?? "nothing")")
        #expect(child.waitForExit() == 1)
        await writer.close()

        // Once released, another process can take it.
        let second = try ChildProcess(Products.executable("leafsync-log-child"), ["lock", directory.path])
        #expect(second.waitForLine { _ in true } == "locked")
        #expect(throws: EventLogError.self) { _ = try EventLogWriter(directory: directory.path) }
        second.closeInput()
        #expect(second.waitForExit() == 0)
    }

    @Test("a reader in another process follows a writer and sees every event")
    func followAcrossProcesses() async throws {
        let directory = TemporaryDirectory()
        let writer = try EventLogWriter(directory: directory.path, options: EventLogOptions(durability: .group, segmentSizeLimit: 16 << 10))
        let total = 3_000
        let child = try ChildProcess(Products.executable("leafsync-log-child"), ["follow", directory.path, "\(total)"])
        #expect(child.waitForLine { $0 == "following" } != nil)
        var key: UInt64 = 0
        for round in 0..<30 {
            let batch = (0..<100).map { _ -> NewEvent in
                key += 1
                return NewEvent(type: "test.event", source: "engine", subject: "s:\(key)", payload: Self.childPayload(key))
            }
            try await writer.append(batch)
            // Let the follower catch up now and then, so it also waits at the end of the log.
            if round % 10 == 9 {
                let last = UInt64((round + 1) * 100)
                #expect(child.waitForLine { $0 == "seen \(last)" } != nil, "follower did not reach \(last)")
            }
        }
        #expect(child.waitForLine { $0 == "done" } != nil)
        #expect(child.waitForExit() == 0)
        await writer.close()
        #expect(Fixtures.segmentFiles(directory.path).count > 1)
    }

    @Test("a writer killed with SIGKILL never loses an acknowledged event (20 rounds), and the log verifies after recovery")
    func killedWriterLosesNothingAcknowledged() async throws {
        let directory = TemporaryDirectory()
        var random = SystemRandomNumberGenerator()
        var acknowledged: UInt64 = 0
        for round in 0..<20 {
            let child = try ChildProcess(
                Products.executable("leafsync-log-child"), ["append", directory.path, "\(Int.random(in: 1...40, using: &random))"])
            let acksBeforeKill = Int.random(in: 1...60, using: &random)
            var seen = 0
            while seen < acksBeforeKill, let line = child.waitForLine(where: { $0.hasPrefix("ack ") }) {
                acknowledged = max(acknowledged, UInt64(line.dropFirst(4))!)
                seen += 1
            }
            #expect(seen == acksBeforeKill, "round \(round): child stopped acknowledging")
            child.kill()
            // Acks printed before the kill landed still count.
            for line in child.drainLines() where line.hasPrefix("ack ") {
                acknowledged = max(acknowledged, UInt64(line.dropFirst(4))!)
            }

            let writer = try EventLogWriter(directory: directory.path)
            #expect(writer.lastSequence >= acknowledged, "round \(round): acknowledged \(acknowledged), log ends at \(writer.lastSequence)")
            await writer.close()
            #expect(try LogInspector.verify(directory: directory.path).isSound, "round \(round)")
        }
        // Every event that survived has the content its subject promises.
        let events = try EventLogReader(directory: directory.path).readAll()
        #expect(events.count >= Int(acknowledged))
        for event in events {
            let key = UInt64(event.subject.dropFirst(2))!
            if event.payload.bytes != Self.childPayload(key) {
                Issue.record("event \(event.sequence) has the wrong payload")
                break
            }
        }
    }

    @Test("compaction killed with SIGKILL at random moments (15 rounds) never loses or changes an event, and the log always verifies")
    func killedCompactionLosesNothing() async throws {
        let directory = TemporaryDirectory()
        let events = try await Fixtures.writeLog(
            at: directory.path, count: 6_000, perAppend: 50, options: EventLogOptions(durability: .none, segmentSizeLimit: 16 << 10))
        let segments = Fixtures.segmentFiles(directory.path).count
        #expect(segments >= 8)
        var random = SystemRandomNumberGenerator()
        var killedMidway = 0
        for round in 0..<15 {
            let child = try ChildProcess(Products.executable("leafsync-log-child"), ["compact", directory.path])
            let segmentsBeforeKill = Int.random(in: 0..<segments, using: &random)
            var seen = 0, finished = false
            while seen < segmentsBeforeKill,
                let line = child.waitForLine(where: { $0.hasPrefix("segment ") || $0.hasPrefix("done") || $0.hasPrefix("error") })
            {
                if !line.hasPrefix("segment ") { finished = true; break }
                seen += 1
            }
            child.kill()
            if !finished, !child.drainLines().contains(where: { $0.hasPrefix("done") }) { killedMidway += 1 }

            #expect(try LogInspector.verify(directory: directory.path).isSound, "round \(round)")
            let read = try EventLogReader(directory: directory.path).readAll()
            #expect(read.count == events.count && zip(read, events).allSatisfy { $0.matches($1) }, "round \(round)")
        }
        #expect(killedMidway > 0, "no kill landed before the compaction finished")
        // What the kills left, compaction finishes; the log holds the same events, all compacted.
        _ = try LogCompactor(directory: directory.path).compact()
        #expect(try LogCompactor(directory: directory.path).compact().segmentsUnchanged == segments)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: directory.path)).contains { $0.hasSuffix(".compacting") })
        let read = try EventLogReader(directory: directory.path).readAll()
        #expect(read.count == events.count && zip(read, events).allSatisfy { $0.matches($1) })
    }

    /// The payload `leafsync-log-child` writes for key k.
    static func childPayload(_ key: UInt64) -> [UInt8] {
        Array("{\"k\":\(key),\"filler\":\"\(String(repeating: "leaf", count: Int(key % 50)))\"}".utf8)
    }
}
