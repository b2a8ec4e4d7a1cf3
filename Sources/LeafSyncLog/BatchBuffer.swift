import Synchronization

/// Memory holding one batch's body, shared by the payloads of the events decoded from it and
/// handed back to its pool when the last of them goes away.
@usableFromInline
final class BatchBuffer: @unchecked Sendable {
    // Safe to share: the bytes are written only by the thread that fills the buffer, before any
    // event refers to it (publishing an event to another thread orders those writes before its
    // reads); from then on they are only read.
    @usableFromInline let base: UnsafeMutableRawPointer
    let capacity: Int
    private let pool: BufferPool

    fileprivate init(base: UnsafeMutableRawPointer, capacity: Int, pool: BufferPool) {
        self.base = base
        self.capacity = capacity
        self.pool = pool
    }

    deinit { pool.recycle(base, capacity: capacity) }
}

/// A few buffers kept for reuse by one cursor (batch bodies, decoded events), so that a scan
/// does not return each buffer's pages to the system and fault them in again for the next batch.
final class BufferPool: Sendable {
    /// Memory of a buffer nobody uses any more.
    private struct Spare: @unchecked Sendable {
        // Safe to send: whoever holds a `Spare` owns the memory outright (it is in the pool's
        // list, or has just been taken out of it under the lock).
        let base: UnsafeMutableRawPointer
        let capacity: Int
    }

    private let spare = Mutex<[Spare]>([])
    /// How many idle buffers to keep.
    private let limit: Int
    /// Buffers larger than this are never kept.
    private static let largestKept = 8 << 20
    private static let granule = 64 << 10

    init(limit: Int) { self.limit = limit }

    /// A buffer of at least `size` bytes, contents undefined.
    func take(atLeast size: Int) -> BatchBuffer {
        let reused = spare.withLock { spare -> Spare? in
            // The smallest that fits, so small requests leave the large buffers for large ones.
            var best: Int?
            for (index, buffer) in spare.enumerated() where buffer.capacity >= size {
                if best.map({ buffer.capacity < spare[$0].capacity }) ?? true { best = index }
            }
            return best.map { spare.remove(at: $0) }
        }
        if let reused { return BatchBuffer(base: reused.base, capacity: reused.capacity, pool: self) }
        let capacity = max(1, (size + Self.granule - 1) / Self.granule) * Self.granule
        return BatchBuffer(base: .allocate(byteCount: capacity, alignment: 16), capacity: capacity, pool: self)
    }

    fileprivate func recycle(_ base: UnsafeMutableRawPointer, capacity: Int) {
        let kept =
            capacity <= Self.largestKept
            && spare.withLock { spare in
                guard spare.count < limit else { return false }
                spare.append(Spare(base: base, capacity: capacity))
                return true
            }
        if !kept { base.deallocate() }
    }

    deinit {
        spare.withLock { spare in
            for buffer in spare { buffer.base.deallocate() }
        }
    }
}
