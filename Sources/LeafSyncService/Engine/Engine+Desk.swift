import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncLog

extension Engine {
    /// The operator desk of the running service: it reads the dispatcher's state and records
    /// through the service's own writer (the CLI's operator commands cannot take the log's lock
    /// while the service runs, so they come through the admin API to this).
    public var desk: OperatorDesk {
        let dispatcher = self.dispatcher
        let writer = self.writer
        return OperatorDesk(
            state: {
                try await dispatcher.catchUp()
                return await dispatcher.state
            },
            record: { actions in
                let sequences = try await writer.append(try actions.map { try EventFactory.operatorAction($0) })
                try await dispatcher.catchUp()
                await dispatcher.wake()
                return sequences
            })
    }
}
