import Foundation
import LeafSyncLog
import LeafSyncTestSupport
import Testing

@Suite("Event log: watching for changes")
struct WatcherTests {
    @Test(
        "the log watcher's safety tick runs on the injected clock: a waiter wakes when that clock passes a second, with no change on disk")
    func tickOnInjectedClock() async throws {
        let directory = TemporaryDirectory("watch")
        let clock = ManualClock()
        let watcher = LogWatcher(directory: directory.path, clock: clock)
        let seen = watcher.generation
        await clock.waitForSleeper()
        clock.advance(by: .milliseconds(999))
        #expect(watcher.generation == seen, "no tick before a second of the clock")
        let waiter = Task { await watcher.waitForChange(after: seen) }
        clock.advance(by: .milliseconds(1))
        await waiter.value
        #expect(watcher.generation > seen)
    }

    @Test("the log watcher wakes a waiter when a file appears in the directory, without any tick")
    func wakesOnChange() async throws {
        let directory = TemporaryDirectory("watch")
        let clock = ManualClock()  // never advanced: only a notification can wake the waiter
        let watcher = LogWatcher(directory: directory.path, clock: clock)
        let seen = watcher.generation
        let waiter = Task { await watcher.waitForChange(after: seen) }
        _ = FileManager.default.createFile(atPath: directory.sub("new.seg"), contents: Data([1]))
        #if os(Linux)
        await waiter.value
        #expect(watcher.generation > seen)
        #else
        waiter.cancel()  // no notifications here: cancelling returns at once
        await waiter.value
        #endif
    }
}
