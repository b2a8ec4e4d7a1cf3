/// What became of a webhook delivery (LeafLink's or Distru's); ``httpStatus`` is the answer to
/// give the sender.
public enum WebhookOutcome: Sendable, Equatable {
    /// Logged (sequence of the `*.webhook.received` event) and acted on: the record refetched or
    /// its deletion recorded (sequence of that event; nil when unchanged or not read).
    case accepted(webhook: UInt64, observation: UInt64?)
    /// Logged, but the refetch failed (the next fetch cycle catches up); still a 2xx so the
    /// sender does not resend a body already in the log.
    case acceptedFetchFailed(webhook: UInt64, error: String)
    /// The same body was already received (a redelivery).
    case duplicate
    /// Missing or wrong signature: nothing appended.
    case badSignature
    /// Signed but not understood: nothing appended.
    case malformed(String)

    public var httpStatus: Int {
        switch self {
        case .accepted, .acceptedFetchFailed, .duplicate: 200
        case .badSignature: 401
        case .malformed: 400
        }
    }
}
