// leafsync-log-child: the other process in the log's multi-process tests.
//
//   leafsync-log-child append DIR [BATCH]   appends forever with group durability; after each
//                                           append returns, prints "ack <last sequence>"
//   leafsync-log-child follow DIR COUNT     follows the log from 1 and prints "seen <seq>" for
//                                           every event until COUNT events were seen, then "done"
//   leafsync-log-child lock DIR             opens a writer, prints "locked", waits for stdin EOF
//   leafsync-log-child compact DIR          compacts the log, printing "segment <i>/<n>" after
//                                           each segment, then "done <segments compacted>"
//
// Every event's subject is `s:<k>` for a unique k and its payload a pure function of k, so the
// parent can check content whatever order concurrent appends were sequenced in.
import Foundation
import LeafSyncLog

/// Unbuffered line to standard output, so the parent sees each line as soon as it is true.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func payload(for key: UInt64) -> [UInt8] {
    Array("{\"k\":\(key),\"filler\":\"\(String(repeating: "leaf", count: Int(key % 50)))\"}".utf8)
}

func events(keys: Range<UInt64>) -> [NewEvent] {
    keys.map { NewEvent(type: "test.event", source: "engine", subject: "s:\($0)", payload: payload(for: $0)) }
}

func key(of event: RecordedEvent) -> UInt64? {
    UInt64(event.subject.dropFirst(2))
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: leafsync-log-child append|follow|lock|compact DIR [N]\n".utf8))
    exit(64)
}
let directory = arguments[2]

switch arguments[1] {
case "append":
    let batch = arguments.count > 3 ? Int(arguments[3]) ?? 7 : 7
    let writer = try EventLogWriter(directory: directory, options: EventLogOptions(durability: .group, segmentSizeLimit: 32 << 10))
    // Keys continue after what an earlier (killed) child wrote.
    var next = UInt64(Date().timeIntervalSince1970 * 1000) * 1000
    while true {
        // Two concurrent appends, so group commit really groups.
        let size = UInt64(batch)
        async let first = writer.append(events(keys: next..<(next + size)))
        async let second = writer.append(events(keys: (next + size)..<(next + 2 * size)))
        let firstRange = try await first
        say("ack \(firstRange.upperBound)")
        let secondRange = try await second
        say("ack \(secondRange.upperBound)")
        next += 2 * size
    }
case "follow":
    let count = UInt64(arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1)
    let reader = try EventLogReader(directory: directory)
    say("following")
    var seen: UInt64 = 0
    for try await event in reader.follow(from: 1) {
        guard let key = key(of: event), event.payload == EventPayload(payload(for: key)) else {
            say("bad payload at \(event.sequence)")
            exit(2)
        }
        seen += 1
        say("seen \(event.sequence)")
        if seen == count { break }
    }
    say("done")
case "lock":
    do {
        let writer = try EventLogWriter(directory: directory)
        say("locked")
        _ = FileHandle.standardInput.readDataToEndOfFile()
        await writer.close()
    } catch {
        say("error: \(error)")
        exit(1)
    }
case "compact":
    do {
        let report = try LogCompactor(directory: directory).compact { progress in
            say("segment \(progress.done)/\(progress.total)")
        }
        say("done \(report.segmentsCompacted)")
    } catch {
        say("error: \(error)")
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
    exit(64)
}
