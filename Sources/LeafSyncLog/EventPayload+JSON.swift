public import LeafSyncJSON

/// A payload parses as JSON without a copy: a ``JSONDocument`` keeps the batch buffer it was
/// read from alive, as the payload itself does, and reads its strings and numbers there.
extension EventPayload: JSONByteSource {
    public var jsonBytes: JSONBytes {
        switch storage {
        case let .array(bytes):
            return JSONBytes(start == 0 && count == bytes.count ? bytes : Array(bytes[start..<(start + count)]))
        case let .batch(buffer):
            return JSONBytes(unsafeShared: UnsafeRawBufferPointer(start: buffer.base + start, count: count), owner: buffer)
        }
    }
}
