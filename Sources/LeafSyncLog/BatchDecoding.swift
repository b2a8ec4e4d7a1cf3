import Foundation

/// Decodes several consecutive batches of one segment at once, one per core, for bulk reads
/// (full scans, projection rebuilds). Each worker has its own buffers; `pread` on the shared
/// file descriptor is safe from several threads.
final class ParallelBatchDecoder: @unchecked Sendable {
    /// One worker's reusable buffers.
    final class Scratch: @unchecked Sendable {
        var stored: [UInt8] = []
        var raw: [UInt8] = []
        var strings = StringInterner()
    }

    let width: Int
    private let scratch: [Scratch]

    init(width: Int = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))) {
        self.width = width
        scratch = (0..<width).map { _ in Scratch() }
    }

    /// The events of each batch, in order, or the first failure with its batch's offset.
    func decode(_ batches: [(header: BatchHeader, offset: UInt64)], in file: PosixFile) throws -> Result<[[RecordedEvent]], BatchFailure> {
        precondition(batches.count <= width)
        let slots = ResultSlots(count: batches.count)
        defer { slots.results.deallocate() }
        let decodeOne: @Sendable (Int) -> Void = { [scratch] index in
            let (header, offset) = batches[index]
            let worker = scratch[index]
            let outcome: Result<[RecordedEvent], DecodeFailure>
            do {
                let decoded = try SegmentReader.withRawBody(of: header, at: offset, in: file, stored: &worker.stored, raw: &worker.raw) { body in
                    EventEncoding.decode(body: body, baseSequence: header.baseSequence, count: Int(header.count), strings: &worker.strings)
                }
                switch decoded {
                case let .failure(bad): outcome = .failure(.corrupt(bad.reason))
                case .success(nil): outcome = .failure(.corrupt("malformed event records behind a valid checksum"))
                case let .success(events?): outcome = .success(events)
                }
            } catch {
                outcome = .failure(.io(error))
            }
            (slots.results.baseAddress! + index).initialize(to: outcome)
        }
        if batches.count == 1 {
            decodeOne(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: batches.count, execute: decodeOne)
        }
        var decoded: [[RecordedEvent]] = []
        decoded.reserveCapacity(batches.count)
        var failure: (UInt64, String)?
        var thrown: Error?
        for index in 0..<batches.count {
            let outcome = (slots.results.baseAddress! + index).move()
            guard failure == nil, thrown == nil else { continue }
            switch outcome {
            case let .success(events): decoded.append(events)
            case let .failure(.corrupt(reason)): failure = (batches[index].offset, reason)
            case let .failure(.io(error)): thrown = error
            }
        }
        if let thrown { throw thrown }
        if let failure { return .failure(BatchFailure(offset: failure.0, reason: failure.1)) }
        return .success(decoded)
    }

    struct BatchFailure: Error {
        var offset: UInt64
        var reason: String
    }

    /// One result slot per batch, each written by exactly one worker.
    final class ResultSlots: @unchecked Sendable {
        let results: UnsafeMutableBufferPointer<Result<[RecordedEvent], DecodeFailure>>
        init(count: Int) { results = .allocate(capacity: count) }
    }

    enum DecodeFailure: Error, @unchecked Sendable {
        case corrupt(String)
        case io(Error)
    }
}
