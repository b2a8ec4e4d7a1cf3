import ArgumentParser
import LeafSyncJSON
import LeafSyncService

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send a failed command again (R-ERR-03): its attempts start over and it is ready at once.",
        discussion: """
            A command that failed past its retries, or that the remote refused, becomes a sync error \
            and is not sent again by itself. Fix the cause named in the error, then:
              leafsync retry --dir D KEY         one command (keys: leafsync audit commands --dir D)
              leafsync retry --dir D --failed    every failed command
            The request is recorded in the log as an operator event; the next dispatch sends it.
            """
    )

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The key of the command to send again.")
    var key: String?

    @Flag(help: "Every failed command.")
    var failed = false

    func validate() throws {
        if (key == nil) == !failed { throw ValidationError("give a command KEY or --failed (not both)") }
    }

    func run() async throws {
        let body: [String: JSONValue] = key.map { ["key": .string($0)] } ?? ["failed": .bool(true)]
        try await options.act(.post("/admin/v1/retry", body)) { desk in
            if let key { return try await desk.retry(key: key) }
            return try await desk.retryFailed()
        }
    }
}
