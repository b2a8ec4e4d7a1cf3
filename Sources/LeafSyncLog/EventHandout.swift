import CLZ4
import Foundation

/// Hands out the events of a decoded batch one at a time, materialising each on the calling thread.
struct EventHandout {
    private let batch: DecodedBatch
    private let body: BatchBuffer
    private let records: UnsafeRawPointer
    private(set) var position: Int

    /// Starts after the first `skip` events (those before the sequence a cursor starts at).
    init(_ batch: DecodedBatch, skipping skip: Int) {
        self.batch = batch
        body = batch.body
        records = UnsafeRawPointer(batch.records.base)
        position = min(skip, batch.count)
    }

    var hasMore: Bool { position < batch.count }

    private static let prefetchDistance = 4

    /// The next event; its payload shares the batch's body.
    @inline(__always)
    mutating func next(strings: inout EventStrings) -> RecordedEvent? {
        guard position < batch.count else { return nil }
        let start = Int(records.load(fromByteOffset: 8 * position, as: UInt32.self))
        let length = Int(records.load(fromByteOffset: 8 * position + 4, as: UInt32.self))
        let view = EventView(
            sequence: batch.baseSequence + UInt64(position),
            record: UnsafeRawBufferPointer(start: body.base + start, count: length))
        // Another core decompressed the body: start loading the envelope of an event a few
        // places ahead, so that it is in cache by the time it is materialised.
        let ahead = position + Self.prefetchDistance
        if ahead < batch.count {
            let next = body.base + Int(records.load(fromByteOffset: 8 * ahead, as: UInt32.self))
            leafsync_prefetch(next)
            leafsync_prefetch(next + 64)
        }
        position += 1
        // Checked well formed when the batch was decoded.
        return view.materialize(strings: &strings, sharing: body)!
    }
}
