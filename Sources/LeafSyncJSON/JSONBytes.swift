/// The bytes of a JSON text, held without copying them.
///
/// A ``JSONDocument`` keeps its source and reads strings and numbers from it on demand, so the
/// bytes must outlive the parse. They are either an array the document owns, or memory that
/// some other object owns and keeps alive, such as the decompressed buffer of a log batch that
/// many event payloads share. The second form is what lets a log reader hand payloads to the
/// parser with no copy and no dependency of this module on the log:
///
/// ```swift
/// extension EventPayload: JSONByteSource {
///     public var jsonBytes: JSONBytes { JSONBytes(unsafeShared: pointer, owner: batchBuffer) }
/// }
/// ```
///
/// Reading goes through one `switch` on two cases, as cheap as an array access: no protocol
/// call per read.
public struct JSONBytes: @unchecked Sendable {
    @usableFromInline
    enum Storage {
        case array([UInt8])
        /// Memory valid, and never written, for as long as the owner lives.
        case shared(UnsafeBufferPointer<UInt8>, owner: AnyObject)
    }

    @usableFromInline let storage: Storage

    /// Bytes held in an array (no copy).
    public init(_ bytes: [UInt8]) { storage = .array(bytes) }

    /// Bytes that `owner` keeps alive and unchanged: `buffer` must stay valid and must not be
    /// written for as long as `owner` lives. The caller guarantees this; nothing checks it.
    public init(unsafeShared buffer: UnsafeRawBufferPointer, owner: some AnyObject & Sendable) {
        storage = .shared(buffer.bindMemory(to: UInt8.self), owner: owner)
    }

    public var count: Int {
        switch storage {
        case let .array(bytes): bytes.count
        case let .shared(buffer, _): buffer.count
        }
    }

    /// Calls `body` with the bytes, valid only inside the closure.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case let .array(bytes): return try bytes.withUnsafeBufferPointer(body)
        case let .shared(buffer, owner): return try withExtendedLifetime(owner) { try body(buffer) }
        }
    }
}

/// Something whose bytes a ``JSONDocument`` can parse and keep without copying.
public protocol JSONByteSource {
    var jsonBytes: JSONBytes { get }
}

extension Array: JSONByteSource where Element == UInt8 {
    public var jsonBytes: JSONBytes { JSONBytes(self) }
}

extension JSONBytes: JSONByteSource {
    public var jsonBytes: JSONBytes { self }
}
