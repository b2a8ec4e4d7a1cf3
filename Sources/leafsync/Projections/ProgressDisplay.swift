import Foundation
import LeafSyncProjections
import Synchronization

/// Progress on standard error: a bar with events/s and ETA on a terminal, plain lines (at most
/// one every two seconds of `clock`, and the last) otherwise.
final class ProgressDisplay: Sendable {
    private let isTerminal = isatty(2) == 1
    private let elapsed: @Sendable () -> Duration
    private let shown = Mutex(Shown())

    private struct Shown {
        var lastPlainLine: Duration?
        var drewBar = false
    }

    init(clock: some Clock<Duration> = ContinuousClock()) {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
    }

    func show(_ progress: ProjectorProgress) {
        let done = progress.committed, total = max(progress.target, progress.committed)
        let rate = progress.eventsPerSecond
        let remaining = total > done && rate > 0 ? Double(total - done) / rate : 0
        let what = progress.rebuilding ? "rebuilding" : "projecting"
        if isTerminal {
            let fraction = total > 0 ? Double(done) / Double(total) : 1
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = String(
                format: "\r%@ [%@] %3.0f%% %llu/%llu events  %.0f events/s  ETA %.0fs ",
                what, bar, fraction * 100, done, total, rate, remaining)
            FileHandle.standardError.write(Data(line.utf8))
            shown.withLock { $0.drewBar = true }
            return
        }
        let now = elapsed()
        let due = shown.withLock { shown in
            guard shown.lastPlainLine.map({ now - $0 >= .seconds(2) }) ?? true || done == total else { return false }
            shown.lastPlainLine = now
            return true
        }
        if due {
            let line = String(format: "%@: %llu/%llu events, %.0f events/s, ETA %.0fs\n", what, done, total, rate, remaining)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        if shown.withLock({ $0.drewBar }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
