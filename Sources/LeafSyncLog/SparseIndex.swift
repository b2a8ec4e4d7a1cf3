import Foundation

/// A segment's sparse index: every so many bytes, the sequence and offset of a batch, so a
/// reader can start near any sequence without scanning the segment from its start.
///
/// It is a hint, never trusted blindly: a reader checks the batch header at the offset it names
/// and falls back to a scan from the segment's start when it does not match; the writer checks
/// and rebuilds it on open. It is not fsynced: losing it costs a rebuild, nothing else.
///
/// File layout: `"LSI1"`, version u8, three zero bytes, base sequence u64, then entries of
/// (sequence u64, offset u64), little-endian.
struct SparseIndex: Equatable {
    struct Entry: Equatable {
        var sequence: UInt64
        var offset: UInt64
    }

    static let magic: UInt32 = 0x3149_534C  // "LSI1"
    static let headerSize = 16
    static let entrySize = 16
    /// Bytes of segment between two index entries.
    static let interval: UInt64 = 64 << 10

    var base: UInt64
    var entries: [Entry] = []

    /// Whether a batch at `offset` deserves an entry.
    func wantsEntry(at offset: UInt64) -> Bool {
        guard let last = entries.last else { return true }
        return offset >= last.offset + Self.interval
    }

    mutating func noteBatch(sequence: UInt64, offset: UInt64) {
        if wantsEntry(at: offset) { entries.append(Entry(sequence: sequence, offset: offset)) }
    }

    /// The last entry at or before `sequence`.
    func floor(_ sequence: UInt64) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].sequence <= sequence { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : entries[low - 1]
    }

    static func encodeEntry(_ entry: Entry) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(entry.sequence)
        bytes.appendLittleEndian(entry.offset)
        return bytes
    }

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerSize + entries.count * Self.entrySize)
        bytes.appendLittleEndian(Self.magic)
        bytes.append(1)
        bytes.append(contentsOf: [0, 0, 0])
        bytes.appendLittleEndian(base)
        for entry in entries { bytes.append(contentsOf: Self.encodeEntry(entry)) }
        return bytes
    }

    /// Loads an index file; nil when it is missing or malformed (callers then scan).
    static func load(_ directory: LogDirectory, base: UInt64) -> SparseIndex? {
        guard let file = try? LogFile.openForReading(directory.indexPath(base: base)),
            let size = try? file.size(), size >= UInt64(headerSize), size < 1 << 30,
            let bytes = try? file.read(count: Int(size), at: 0)
        else { return nil }
        return bytes.withUnsafeBytes { raw -> SparseIndex? in
            var reader = ByteReader(raw)
            guard reader.read(UInt32.self) == magic, reader.read(UInt8.self) == 1,
                reader.readBytes(3) != nil, reader.read(UInt64.self) == base
            else { return nil }
            var index = SparseIndex(base: base)
            // A torn final entry (writer crashed mid-append) is ignored.
            while reader.remaining >= entrySize {
                let entry = Entry(sequence: reader.read(UInt64.self)!, offset: reader.read(UInt64.self)!)
                if let last = index.entries.last, entry.sequence <= last.sequence || entry.offset <= last.offset { return nil }
                index.entries.append(entry)
            }
            return index
        }
    }

    /// Writes the whole index atomically (temporary file, then rename).
    func write(to directory: LogDirectory) throws {
        let path = directory.indexPath(base: base)
        let temporary = path + ".tmp"
        let file = try LogFile.openForWriting(temporary, create: true)
        try file.truncate(to: 0)
        try file.write(encoded(), at: 0)
        guard rename(temporary, path) == 0 else { throw EventLogError.io(operation: "rename", path: temporary, errno: errno) }
    }
}
