import ArgumentParser
import LeafSyncLog

struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Truncate a torn tail, or (with --force) move a damaged part aside.",
        discussion: """
            A torn tail (a crash cut the last batch short) is truncated: nothing acknowledged is lost. \
            Corruption in the middle cannot be mended: with --force, the damaged part of its segment \
            and every later segment are moved to quarantine/<time>/ and the log ends just before the \
            damage; the command says exactly which sequences that cut. Without --force it only says \
            what it would do. Refuses to run while a writer has the log open.
            """
    )

    @OptionGroup var log: LogDirectoryArgument

    @Flag(help: "Allow moving damaged data and everything after it to quarantine/.")
    var force = false

    func run() throws {
        let outcome = try LogInspector.repair(directory: log.directory, force: force)
        switch outcome {
        case .refusedWithoutForce:
            printError(outcome.description)
            throw ExitCode(1)
        default:
            print(outcome.description)
        }
    }
}
