import Synchronization

/// One batch to decode, by a worker thread or, if none has started it yet, by the cursor itself.
final class DecodeJob: Sendable {
    enum Outcome: Sendable {
        case decoded(DecodedBatch)
        case corrupt(String)
        case failed(any Error)
    }

    private enum State {
        case queued, running, cancelled
        case done(Outcome)
    }

    let header: BatchHeader
    let offset: UInt64
    private let file: LogFile
    private let pool: BufferPool
    private let state = Mutex(State.queued)
    /// Signalled when the job is done, for the cursor waiting in ``outcome()``.
    private let done = WakeSignal()

    init(header: BatchHeader, offset: UInt64, file: LogFile, pool: BufferPool) {
        self.header = header
        self.offset = offset
        self.file = file
        self.pool = pool
    }

    /// Decodes the batch unless another thread has already started (or cancelled) it.
    func runIfQueued() {
        let start: Bool = state.withLock { state in
            guard case .queued = state else { return false }
            state = .running
            return true
        }
        guard start else { return }

        let outcome: Outcome
        do {
            switch try DecodedBatch.decode(header, at: offset, in: file, pool: pool) {
            case let .success(batch): outcome = .decoded(batch)
            case let .failure(bad): outcome = .corrupt(bad.reason)
            }
        } catch {
            outcome = .failed(error)
        }
        state.withLock { $0 = .done(outcome) }
        done.signal()
    }

    /// The outcome, decoding the batch on this thread if no worker has started it.
    func outcome() -> Outcome {
        runIfQueued()
        while true {
            let outcome: Outcome? = state.withLock { state in
                guard case let .done(outcome) = state else { return nil }
                state = .cancelled  // handed out: drop the reference
                return outcome
            }
            if let outcome { return outcome }
            done.wait()
        }
    }

    /// Whether the outcome is ready.
    var isDone: Bool {
        state.withLock { state in
            if case .done = state { return true }
            return false
        }
    }

    /// Skips the work if no thread has started it.
    func cancel() {
        state.withLock { state in
            if case .queued = state { state = .cancelled }
        }
    }
}
