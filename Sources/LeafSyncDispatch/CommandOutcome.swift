public import HTTPClientSupport
public import LeafSyncJSON

/// What one attempt at a command came to. Becomes `engine.command.succeeded` or
/// `engine.command.failed` in the log; a skipped command writes nothing and stays pending.
public enum CommandOutcome: Sendable, Equatable {
    /// Done remotely (or found already done). `response` is the part of the answer the reducer
    /// reads: the created record for creates, a small summary otherwise.
    case succeeded(response: JSONValue)
    /// Not done. `retryable` failures are tried again after a backoff the reducer keeps.
    case failed(AttemptFailure)
    /// Not attempted, with the reason (e.g. the remote is not configured in this process).
    case skipped(reason: String)
}

/// One failed attempt at a command, typed so the reducer and the operator can tell what to do
/// (it becomes the domain's `CommandFailure` in the `engine.command.failed` event).
public struct AttemptFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// `http`, `rateLimited`, `transport`, `malformedResponse`, `invalidRequest`, `conflict`, `mail`.
    public var kind: String
    /// The HTTP status, when there was an answer.
    public var status: Int?
    /// What happened and what to do, without any secret.
    public var message: String
    public var retryable: Bool

    public init(kind: String, status: Int? = nil, message: String, retryable: Bool) {
        self.kind = kind
        self.status = status
        self.message = message
        self.retryable = retryable
    }

    public var description: String { message }

    /// The failure an API error stands for: 429, 5xx and lost answers are retryable; other 4xx
    /// and requests refused before sending are not.
    public init(_ error: APIError) {
        switch error.kind {
        case .http(let status):
            self.init(kind: "http", status: status, message: error.description, retryable: status >= 500 || status == 408)
        case .rateLimited:
            self.init(kind: "rateLimited", status: 429, message: error.description, retryable: true)
        case .transport:
            self.init(kind: "transport", message: error.description, retryable: true)
        case .malformedResponse:
            self.init(kind: "malformedResponse", status: error.status, message: error.description, retryable: true)
        case .invalidRequest:
            self.init(kind: "invalidRequest", message: error.description, retryable: false)
        }
    }
}
