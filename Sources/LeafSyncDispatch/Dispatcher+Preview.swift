public import LeafSyncDomain

extension Dispatcher {
    /// One command of a dry run and what it would send.
    public struct Preview: Sendable {
        public var command: Command
        /// The writes it would make (reads were made for real), credentials masked.
        public var requests: [DryRunTransport.Request]
        /// Why nothing would be sent, when nothing would (already done remotely, skipped, an error).
        public var note: String?
    }

    /// A dry run: each command ready now, with the exact HTTP writes it would send. Needs a
    /// dispatcher whose executor's clients send through `transport`, and no fetchers or mail
    /// (they would append to the log or send). Appends nothing.
    public func preview(recording transport: DryRunTransport) async throws -> [Preview] {
        try await catchUp()
        var previews: [Preview] = []
        for ready in state.commands.ready(at: time.now) {
            let command = Self.addressed(ready, state)
            if case .sendErrorEmail(let mail) = command.action {
                let to = mail.recipients.isEmpty ? "nobody yet (no Distru admin or error recipient known)" : mail.recipients.joined(separator: ", ")
                previews.append(Preview(command: command, requests: [], note: "would e-mail \(to): \(mail.subjectLine)"))
                continue
            }
            _ = transport.take()
            let outcome = await executor.execute(command)
            let requests = transport.take()
            let note: String? =
                switch outcome {
                case .succeeded where requests.isEmpty: "nothing to send: the remote already shows it done"
                case .succeeded: nil
                case .failed where !requests.isEmpty: nil  // stopped at its first write, as intended
                case .failed(let failure): "would fail now: \(failure.message)"
                case .skipped(let reason): "not sent: \(reason)"
                }
            previews.append(Preview(command: command, requests: requests, note: note))
        }
        return previews
    }
}
