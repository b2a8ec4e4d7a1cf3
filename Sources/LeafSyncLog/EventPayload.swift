/// The payload bytes of a recorded event, indexed from 0.
///
/// Events read from the log share their batch's decompressed buffer instead of each copying
/// its payload, so a scan allocates one buffer per batch (~1 MiB) rather than one per event.
/// The flip side: holding one event keeps its whole batch's buffer alive. A consumer that keeps
/// a few events for a long time should detach their payloads with ``bytes`` (or `Array(payload)`).
///
/// Equality and hashing are by content, wherever the bytes live.
public struct EventPayload: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral,
    CustomStringConvertible, CustomReflectable
{
    @usableFromInline
    enum Storage: Sendable {
        case array([UInt8])
        case batch(BatchBuffer)
    }

    /// The payload is `count` bytes of `storage` from `start`.
    @usableFromInline let storage: Storage
    @usableFromInline let start: Int
    public let count: Int

    /// A payload that owns `bytes` (no copy).
    public init(_ bytes: [UInt8]) {
        storage = .array(bytes)
        start = 0
        count = bytes.count
    }

    public init(arrayLiteral elements: UInt8...) { self.init(elements) }

    /// A payload of `buffer`'s bytes in `range`, sharing `buffer`.
    init(sharing buffer: BatchBuffer, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.capacity)
        storage = .batch(buffer)
        start = range.lowerBound
        count = range.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public func index(after i: Int) -> Int { i + 1 }
    @inlinable
    public func index(before i: Int) -> Int { i - 1 }

    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "EventPayload index out of range")
        switch storage {
        case let .array(bytes): return bytes[start + position]
        case let .batch(buffer): return buffer.base.load(fromByteOffset: start + position, as: UInt8.self)
        }
    }

    /// Calls `body` with the payload's bytes, valid only inside the closure. Inlinable, so a
    /// decoder that reads the payload many times pays no call for each access.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case let .array(bytes):
            return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + count)])) }
        case let .batch(buffer):
            return try withExtendedLifetime(buffer) { try body(UnsafeRawBufferPointer(start: buffer.base + start, count: count)) }
        }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withUnsafeBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
    }

    /// A copy of the bytes that shares nothing with the batch the event was read from.
    public var bytes: [UInt8] {
        if case let .array(bytes) = storage, start == 0, count == bytes.count { return bytes }
        return withUnsafeBytes { [UInt8]($0) }
    }

    public static func == (lhs: EventPayload, rhs: EventPayload) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { l in
            rhs.withUnsafeBytes { r in l.count == 0 || memcmp(l.baseAddress!, r.baseAddress!, l.count) == 0 }
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// The bytes like an array's for short payloads, else just the size (never the whole batch).
    public var description: String { count <= 64 ? Array(self).description : "\(count) bytes" }

    public var customMirror: Mirror { Mirror(self, unlabeledChildren: self, displayStyle: .collection) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
