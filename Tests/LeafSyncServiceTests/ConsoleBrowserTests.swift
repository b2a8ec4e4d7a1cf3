import DistruSimulator
import Foundation
import LeafLinkSimulator
import LeafSyncDemo
import LeafSyncJSON
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// The operator console in a real browser (issue 15): `leafsync run` against the LeafLink and
/// Distru simulators of the demo seed (in process, on loopback), then
/// `Tools/console-browser-test.py` playing the operator in headless Chromium (Selenium, axe-core).
/// Its screenshots go to `.build/console-browser/` (`<page>-390.png`, `<page>-1440.png`).
///
/// Needs Debian's `chromium` and `chromium-driver` and, in `.build/venv`, `selenium` and
/// `axe-core-python`: `Tools/test` installs them (`ensure_browser_tests` in Tools/lib/setup.sh).
/// Without them the test fails saying so: it never skips silently.
@Suite("The operator console in headless Chromium")
struct ConsoleBrowserTests {
    static let script = Paths.repoRoot.appendingPathComponent("Tools/console-browser-test.py").path
    static let python = Paths.repoRoot.appendingPathComponent(".build/venv/bin/python").path
    static let screenshots = Paths.repoRoot.appendingPathComponent(".build/console-browser").path

    @Test(
        "R-USR-01, R-SET-01, R-SET-02: signed in with the admin token, an operator maps rep 501 and order d23f0824 syncs to an SO in Distru, accepts a product suggestion, sees orderPollSeconds=abc refused beside its field; forms without CSRF are refused, pages without a session redirect; no page shows a key; every page at 390 and 1440 px passes axe-core"
    )
    func operatorInTheBrowser() async throws {
        if let missing = try await Self.missingTools() {
            Issue.record("the console's browser test cannot run: \(missing). Run Tools/test: it installs chromium, chromium-driver, selenium and axe-core-python.")
            return
        }
        try await withSimulator { ll in
            try await withDistru { distru in
                let tenant = TemporaryDirectory("console-browser")
                let token = "console-browser-admin-token"
                // `leafsync run` as shipped: with the admin token set it mounts the console beside the admin API
                // (Console.addRoutes(to:engine:configuration:token:) in RunCommand.swift, from branch i15-console);
                // a tree without that answers 404 under /console/, and this test fails at its first page.
                let child = try ChildProcess(
                    Products.executable("leafsync"), ["run", "--dir", tenant.path],
                    environment: [
                        "LEAFSYNC_LEAFLINK_BASE_URL": ll.baseURL, "LEAFSYNC_LEAFLINK_API_KEY": LeafLinkSimulator.defaultAPIKey,
                        "LEAFSYNC_DISTRU_BASE_URL": distru.baseURL, "LEAFSYNC_DISTRU_API_KEY": DistruSimulator.defaultAPIKey,
                        "LEAFSYNC_HTTP_PORT": "0", "LEAFSYNC_ADMIN_TOKEN": token, "LEAFSYNC_SCHEDULER_TICK_SECONDS": "1",
                    ])
                defer { child.kill() }
                let serving = try await offThread { child.waitForLine(timeout: 60) { $0.contains("serving on http://") } }
                let service = try #require(serving?.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init), "leafsync run did not say where it serves")
                let roots = (leafLink: DemoScenarioTests.root(ll.baseURL, "api/v2/"), distru: DemoScenarioTests.root(distru.baseURL, "public/v1/"))
                try await Self.prepare(
                    DemoSession(
                        endpoints: DemoEndpoints(
                            leafLink: roots.leafLink, distru: roots.distru, service: service, adminToken: token,
                            leafLinkAPIKey: LeafLinkSimulator.defaultAPIKey, distruAPIKey: DistruSimulator.defaultAPIKey, outbox: tenant.sub("outbox")),
                        patience: .seconds(60), report: { _ in }))

                try? FileManager.default.removeItem(atPath: Self.screenshots)
                let arguments = [
                    Self.script, "--service", service, "--token", token, "--leaflink", roots.leafLink, "--distru", roots.distru,
                    "--distru-key", DistruSimulator.defaultAPIKey, "--out", Self.screenshots,
                ]
                let result = try await offThread { try runCommand(Self.python, arguments, timeout: 900) }
                let output = result.stdout + (result.stderr.isEmpty ? "" : "\nstderr:\n" + result.stderr)
                Attachment.record(output, named: "console-browser-test.txt")
                #expect(result.status == 0, "Tools/console-browser-test.py failed (exit \(result.status)); screenshots in \(Self.screenshots):\n\(output)")
            }
        }
    }

    /// The operator's steps the browser does not play, through the admin API as the demo plays
    /// them (DemoStory's `configure` and `linkProducts`): one-second polls, so each change shows
    /// at once, and LeafLink's gummies (2095) linked by their suggestion, so that order d23f0824
    /// waits for its rep alone (its dark bars are linked by Distru's own record, imported at the
    /// first fetch). Rep 501 stays unmapped: the browser maps it.
    static func prepare(_ session: DemoSession) async throws {
        try await session.expect("the first fetch is done (/readyz answers 200)") { try await session.service("readyz").status == 200 ? true : nil }
        try await session.operate(.PATCH, "settings", ["orderPollSeconds": "1", "productPollSeconds": "1", "inventoryPushSeconds": "1"])
        try await session.expect("LeafSync suggests a Distru product for LeafLink's gummies (2095)") { () -> Bool? in
            let rows = try await session.operate(.GET, "products/suggestions").array ?? []
            return rows.contains { $0["leafLinkProduct"]?.stringValue == "2095" } ? true : nil
        }
        try await session.operate(.POST, "products/accept", ["product": "2095"])
    }

    /// Nil when Chromium, its driver and the venv's Selenium and axe-core are there; otherwise what is missing.
    static func missingTools() async throws -> String? {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing"
        }
        guard FileManager.default.isExecutableFile(atPath: python) else { return "\(python) is missing" }
        let imports = try await offThread { try runCommand(python, ["-c", "import selenium, axe_core_python"], timeout: 60) }
        return imports.status == 0 ? nil : "\(python) cannot import selenium and axe_core_python: \(imports.stderr)"
    }
}
