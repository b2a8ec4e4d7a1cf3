public import LeafSyncJSON

/// What an operator action left in the log: the sequences of its events, a line saying what was
/// asked for and, when the reducer refused the request, why (the same text `audit` shows).
public struct Recorded: Equatable, Sendable {
    /// The log sequences of the recorded operator events.
    public var sequences: ClosedRange<UInt64>
    /// What was recorded, for people (`map Distru user Jane (…) to rep 501 (Maria Lopez)`).
    public var summary: String
    /// The reducer's refusal of the request (`R-USR-01: rep 501 is already mapped …`), if it refused.
    public var refusal: String?

    public init(sequences: ClosedRange<UInt64>, summary: String, refusal: String? = nil) {
        self.sequences = sequences
        self.summary = summary
        self.refusal = refusal
    }

    /// `{"first": …, "last": …, "summary": …, "refusal": … | null}`.
    public var json: JSONValue {
        .object([
            "first": .int(Int(sequences.lowerBound)), "last": .int(Int(sequences.upperBound)), "summary": .string(summary),
            "refusal": refusal.map(JSONValue.string) ?? .null,
        ])
    }

    /// One line for people.
    public var text: String {
        let at = sequences.count == 1 ? "log sequence \(sequences.lowerBound)" : "log sequences \(sequences.lowerBound)…\(sequences.upperBound)"
        return "recorded at \(at): \(summary)" + (refusal.map { "\nrefused by the engine: \($0)" } ?? "")
    }
}
