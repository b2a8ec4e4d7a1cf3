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

    /// Runs `body` with a capture of every logger the process makes with `Logger(label:)`
    /// (swift-log's global factory, bootstrapped here once per process): for a test that cannot
    /// hand its own logger to what logs (the engine makes its loggers itself). While `body`
    /// runs those loggers log at trace into the capture (tests running at the same time too);
    /// outside it they write to standard error at info, as swift-log's default does. Loggers made
    /// before the first call keep their handlers. One such capture at a time.
    public static func capturingProcess<T>(_ body: (LogCapture) async throws -> T) async throws -> T {
        _ = bootstrapped
        let capture = LogCapture()
        ProcessHandler.current.withLock { current in
            precondition(current == nil, "one process-wide log capture at a time")
            current = capture
        }
        defer { ProcessHandler.current.withLock { $0 = nil } }
        return try await body(capture)
    }

    private static let bootstrapped: Void = LoggingSystem.bootstrap { ProcessHandler(label: $0) }

    /// The process's handler: into the current capture when there is one, else to standard error.
    private struct ProcessHandler: LogHandler {
        static let current = Mutex<LogCapture?>(nil)
        let label: String
        var fallback: StreamLogHandler

        init(label: String) {
            self.label = label
            fallback = StreamLogHandler.standardError(label: label)
        }

        var metadata: Logger.Metadata {
            get { fallback.metadata }
            set { fallback.metadata = newValue }
        }

        var logLevel: Logger.Level {
            get { Self.current.withLock { $0 } == nil ? fallback.logLevel : .trace }
            set { fallback.logLevel = newValue }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { fallback[metadataKey: key] }
            set { fallback[metadataKey: key] = newValue }
        }

        func log(event: LogEvent) {
            if let capture = Self.current.withLock({ $0 }) {
                capture.keep(event, label: label, metadata: metadata)
            } else if event.level >= fallback.logLevel {
                fallback.log(event: event)
            }
        }
    }

    /// Keeps `event` of the logger `label`, its metadata merged over the logger's.
    fileprivate func keep(_ event: LogEvent, label: String, metadata: Logger.Metadata) {
        var merged = metadata
        if let line = event.metadata { merged.merge(line) { _, own in own } }
        let record = Record(label: label, level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" })
        kept.withLock { $0.append(record) }
    }

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
            capture.keep(event, label: label, metadata: metadata)
        }
    }
}
