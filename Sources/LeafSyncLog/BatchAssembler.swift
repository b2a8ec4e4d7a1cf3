/// Splits appended events into raw batch bodies of a bounded size.
struct BatchAssembler {
    /// Raw body size at which a batch is closed. LZ4's window is 64 KiB, so larger batches
    /// gain little ratio; 1 MiB keeps headers rare and scans sequential.
    var targetRawSize: Int

    private(set) var bodies: [(body: [UInt8], count: Int)] = []
    private var current: [UInt8] = []
    private var currentCount = 0

    init(targetRawSize: Int) { self.targetRawSize = targetRawSize }

    mutating func add(_ event: NewEvent, defaultTime: Timestamp) {
        if currentCount > 0, current.count + event.payload.count + 64 > targetRawSize { closeCurrent() }
        if current.isEmpty { current.reserveCapacity(targetRawSize) }
        EventEncoding.append(event, defaultTime: defaultTime, to: &current)
        currentCount += 1
    }

    /// Appends already-encoded records (used to merge small appends into one batch).
    mutating func add(encoded: [UInt8], count: Int) {
        if currentCount > 0, current.count + encoded.count > targetRawSize { closeCurrent() }
        current.append(contentsOf: encoded)
        currentCount += count
    }

    mutating func finish() -> [(body: [UInt8], count: Int)] {
        closeCurrent()
        defer { bodies = [] }
        return bodies
    }

    private mutating func closeCurrent() {
        guard currentCount > 0 else { return }
        bodies.append((current, currentCount))
        current = []
        currentCount = 0
    }
}
