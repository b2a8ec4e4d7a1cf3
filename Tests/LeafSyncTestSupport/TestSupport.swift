// Shared by the test targets: temporary directories, the built executables, child processes.
public import Foundation

/// A fresh temporary directory, removed when the test is done with it.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "log") {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("leafsync-\(label)-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func sub(_ name: String) -> String { path + "/" + name }
}

/// Where SwiftPM put the executables built with the tests (`.build/debug`).
public enum Products {
    public static var directory: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("leafsync-log-child").path) {
            return candidate
        }
        return candidates[0]
    }

    public static func executable(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// A child process whose output lines the test can wait for, each wait bounded by a deadline.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    private let output = Pipe()
    private let input = Pipe()
    private let condition = NSCondition()
    private var lines: [String] = []
    private var ended = false

    /// `environment` is added to this process's own.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
        let handle = output.fileHandleForReading
        let thread = Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    condition.lock()
                    lines.append(line)
                    condition.broadcast()
                    condition.unlock()
                }
            }
            condition.lock()
            ended = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Waits until a line satisfies `predicate` (returning it) or the deadline passes (nil).
    /// Lines before the match are consumed.
    public func waitForLine(timeout: TimeInterval = 60, where predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            while !lines.isEmpty {
                let line = lines.removeFirst()
                if predicate(line) { return line }
            }
            if ended { return nil }
            if !condition.wait(until: deadline) { return nil }
        }
    }

    /// Every line received so far, consumed.
    public func drainLines() -> [String] {
        condition.lock()
        defer { condition.unlock() }
        defer { lines = [] }
        return lines
    }

    public func closeInput() { try? input.fileHandleForWriting.close() }

    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for exit (bounded), then returns the exit status.
    public func waitForExit(timeout: TimeInterval = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        while !ended, condition.wait(until: deadline) {}
        condition.unlock()
        guard ended else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The result of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs an executable to completion (bounded by `timeout`), capturing both outputs.
public func runCommand(
    _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], timeout: TimeInterval = 120
) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    // Read both pipes on their own threads so a full pipe never blocks the child.
    let collected = NSCondition()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    nonisolated(unsafe) var finished = 0
    for (pipe, isOut) in [(out, true), (err, false)] {
        Thread {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            collected.lock()
            if isOut { outData = data } else { errData = data }
            finished += 1
            collected.broadcast()
            collected.unlock()
        }.start()
    }
    let deadline = Date().addingTimeInterval(timeout)
    collected.lock()
    while finished < 2, collected.wait(until: deadline) {}
    let done = finished == 2
    collected.unlock()
    if !done {
        process.terminate()
        throw CommandTimeout(command: ([executable] + arguments).joined(separator: " "), seconds: timeout)
    }
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

public struct CommandTimeout: Error, CustomStringConvertible {
    public var command: String
    public var seconds: TimeInterval
    public var description: String { "\(command) did not finish within \(seconds) s" }
}

/// Runs blocking `body` (a child process's wait) on a thread of its own, so an async test
/// never blocks a thread of Swift's cooperative pool, where in-process simulators answer.
public func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result(catching: body)) }.start()
    }
}
