import Foundation
import LeafSyncService
import LeafSyncTestSupport
import Testing

@Suite("`leafsync init`")
struct ConfigurationInitTests {
    @Test("init writes DIR/leafsync.yaml and DIR/log/, which load accepts once the keys are exported, and refuses to overwrite without --force")
    func initWritesAStarter() async throws {
        let parent = TemporaryDirectory("init")
        let directory = parent.sub("tenant")  // does not exist yet
        let leafsync = Products.executable("leafsync")
        let first = try await offThread { try runCommand(leafsync, ["init", "--dir", directory]) }
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("LEAFSYNC_LEAFLINK_API_KEY") && first.stdout.contains("LEAFSYNC_ADMIN_TOKEN"), "\(first.stdout)")
        let file = directory + "/leafsync.yaml"
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written == ServiceConfiguration.starterFile)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: directory + "/log", isDirectory: &isDirectory) && isDirectory.boolValue)

        // The starter names both remotes: without their keys it is refused, naming the variable.
        #expect(throws: ConfigurationError.self) { try ServiceConfiguration.load(directory: directory, file: nil, environment: [:]) }
        let configuration = try ServiceConfiguration.load(
            directory: directory, file: nil, environment: ["LEAFSYNC_LEAFLINK_API_KEY": "k1", "LEAFSYNC_DISTRU_API_KEY": "k2"])
        #expect(configuration.leafLink?.baseURL == "https://app.leaflink.com/api/v2/")
        #expect(configuration.distru?.baseURL == "https://app.distru.com/public/v1/")
        #expect(configuration.httpPort == 8080 && configuration.tickSeconds == 10)

        try "# edited\n".write(toFile: file, atomically: true, encoding: .utf8)
        let again = try await offThread { try runCommand(leafsync, ["init", "--dir", directory]) }
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"), "\(again.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "# edited\n")

        let forced = try await offThread { try runCommand(leafsync, ["init", "--dir", directory, "--force"]) }
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == ServiceConfiguration.starterFile)
    }

    @Test("fetch with a URL and no key fails naming the variable; nothing falls back to a simulator's key")
    func fetchHasNoDefaultKey() async throws {
        let tenant = TemporaryDirectory("fetch-nokey")
        let result = try await offThread {
            try runCommand(
                Products.executable("leafsync"), ["fetch", "--dir", tenant.path, "--leaflink-url", "http://127.0.0.1:9/api/v2/"],
                environment: ["LEAFSYNC_LEAFLINK_API_KEY": ""])
        }
        #expect(result.status != 0)
        #expect(result.stderr.contains("LEAFSYNC_LEAFLINK_API_KEY: not set"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tenant.sub("log")))  // refused before the log is opened
    }
}
