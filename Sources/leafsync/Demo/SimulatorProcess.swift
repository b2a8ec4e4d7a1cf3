import Foundation

/// A simulator started by `leafsync demo` as a child process (`leafsync-sim`, built beside
/// `leafsync`), its output in a file; it prints its URL once it listens.
struct SimulatorProcess {
    let process: Process
    /// The API's base URL the simulator printed (`http://127.0.0.1:PORT/api/v2/`).
    let apiURL: String
    /// The simulator's root (`http://127.0.0.1:PORT/`).
    var root: String { apiURL.components(separatedBy: "/").prefix(3).joined(separator: "/") + "/" }

    /// Starts `leafsync-sim SYSTEM --port 0 --seed SEED` and waits (up to 20 s) until it listens.
    static func start(_ system: String, seed: String, log: URL, apiPath: String) async throws -> SimulatorProcess {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("leafsync-sim")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw DemoCommandError("the simulators' program is not built: \(binary.path) is missing; run `swift build --product leafsync-sim` (Tools/demo does)")
        }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = binary
        process.arguments = [system, "--port", "0", "--seed", seed]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(20))
        while clock.now < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "http://[^ ]*\(apiPath)", options: .regularExpression) {
                return SimulatorProcess(process: process, apiURL: String(text[range]))
            }
            guard process.isRunning else { break }
            try await clock.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw DemoCommandError("the \(system) simulator did not start; its output is in \(log.path)")
    }

    /// Sends SIGTERM and waits for the process to end.
    func stop() async {
        let process = self.process
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in done.resume() }
            if process.isRunning { process.terminate() } else { process.terminationHandler = nil; done.resume() }
        }
    }
}

struct DemoCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
