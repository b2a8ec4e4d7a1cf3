import HTTPClientSupport

/// The `lastModifiedStart`/`lastModifiedEnd` windows that cover a range, each at most 24 hours
/// (Metrc refuses wider ones with 400), every next one starting `overlap` before the previous
/// one ends so a change on a boundary is seen whichever way Metrc rounds. A value: iterate it.
///
/// ```swift
/// for w in MetrcWindows(from: start, to: end) { … w.start … w.end … }   // 10 days → 11 windows
/// ```
public struct MetrcWindows: Sequence, Sendable, Equatable {
    /// The widest window Metrc accepts.
    public static let maximumLength: Duration = .seconds(24 * 3600)

    public struct Window: Sendable, Hashable {
        public var start: MetrcTimestamp
        public var end: MetrcTimestamp
    }

    public var start: MetrcTimestamp
    public var end: MetrcTimestamp
    /// Each window's length, at most ``maximumLength``.
    public var length: Duration
    /// How much each window re-reads of the one before (less than `length`).
    public var overlap: Duration

    public init(from start: MetrcTimestamp, to end: MetrcTimestamp, length: Duration = maximumLength, overlap: Duration = .seconds(60)) {
        self.start = start
        self.end = Swift.max(start, end)
        self.length = Swift.min(Swift.max(length, .seconds(1)), Self.maximumLength)
        self.overlap = Swift.min(Swift.max(overlap, .zero), self.length / 2)
    }

    public func makeIterator() -> Iterator { Iterator(windows: self, upcoming: start) }

    public struct Iterator: IteratorProtocol {
        let windows: MetrcWindows
        var upcoming: MetrcTimestamp?

        /// Windows from the start, the last one ending at `end` (a range of zero length is one
        /// empty window, so a pass still asks once).
        public mutating func next() -> Window? {
            guard let s = upcoming else { return nil }
            let e = Swift.min(s.moved(by: windows.length), windows.end)
            upcoming = e >= windows.end ? nil : e.moved(by: .zero - windows.overlap)
            return Window(start: s, end: e)
        }
    }
}
