import ArgumentParser
import Foundation
import LeafSyncService

/// `leafsync init --dir DIR`: a new tenant directory with a commented `leafsync.yaml`, and what to
/// set before `leafsync run`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a tenant directory with a commented leafsync.yaml to start from.",
        discussion: """
            Creates DIR and DIR/log/ and writes DIR/leafsync.yaml, the configuration `leafsync run` \
            (and fetch, dispatch) reads: the remotes' URLs, the HTTP port, mail and the scheduler, \
            every key overridable by a LEAFSYNC_* environment variable. Secrets never go in the \
            file: it lists the variables (or the secrets file) that hold them. An existing \
            leafsync.yaml is kept unless --force is given.
            """
    )

    @OptionGroup var tenant: TenantOption

    @Flag(help: "Replace an existing leafsync.yaml.")
    var force = false

    func run() throws {
        let directory = URL(fileURLWithPath: tenant.directory)
        let file = directory.appendingPathComponent(ServiceConfiguration.fileName)
        if FileManager.default.fileExists(atPath: file.path), !force {
            throw ValidationError("\(file.path) already exists; edit it, or give --force to replace it with the starter")
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("log"), withIntermediateDirectories: true)
        try Data(ServiceConfiguration.starterFile.utf8).write(to: file, options: .atomic)
        print(
            """
            wrote \(file.path) (and created \(directory.appendingPathComponent("log").path)/)
            next:
              1. edit \(file.path): the remotes' base URLs (a remote without one is off), the HTTP port, mail
              2. export the secrets, or write them as NAME=value lines to a file only you can read (chmod 600)
                 and name it in secrets_file: (never in leafsync.yaml):
                   LEAFSYNC_LEAFLINK_API_KEY, LEAFSYNC_DISTRU_API_KEY              the API keys (one for each remote)
                   LEAFSYNC_LEAFLINK_WEBHOOK_KEY, LEAFSYNC_DISTRU_WEBHOOK_SECRET   to accept webhooks
                   LEAFSYNC_ADMIN_TOKEN                                            to turn the admin API on
                   LEAFSYNC_SMTP_PASSWORD                                          with smtp.url, to mail sync errors
              3. leafsync run --dir \(tenant.directory)
            """)
    }
}
