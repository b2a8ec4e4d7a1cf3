public import Logging
import Synchronization

/// Keeps every log record of the loggers it makes, for a test to read: the level, the message,
/// the metadata (the logger's, the provider's and the line's, merged) and the logger's label.
///
/// No global bootstrap: hand ``logger(_:)`` to what logs (a dispatcher, a client, a fetcher).
///
/// ```swift
/// let capture = LogCapture()
/// let dispatcher = try Dispatcher(…, logger: capture.logger("leafsync.dispatch"))
/// …
/// let sent = capture.records.first { $0.message == "sent" }
/// #expect(sent?.metadata["command"] == "\(key)")
/// ```
public final class LogCapture: Sendable {
    /// One log line.
    public struct Record: Sendable, CustomStringConvertible {
        public var label: String
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]

        /// The whole line as text (message and metadata), to check that something is in none.
        public var description: String {
            "\(level) \(label): \(message) " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
    }

    private let kept = Mutex<[Record]>([])

    public init() {}

    /// The records so far, in the order they were logged.
    public var records: [Record] { kept.withLock { $0 } }

    /// A logger at `trace` level whose records this capture keeps.
    public func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func keep(_ record: Record) { kept.withLock { $0.append(record) } }

    private struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var merged = metadata
            if let line = event.metadata { merged.merge(line) { _, own in own } }
            capture.keep(
                Record(label: label, level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
