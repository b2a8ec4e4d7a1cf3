import Synchronization

/// The console's sessions, in memory: a session is a random id (the `leafsync_session` cookie)
/// with its own CSRF token, signed in or not yet, and a one-shot message for the next page.
///
/// Nothing in the cookie but 256 random bits, so there is no key to keep and nothing to forge;
/// a restart signs everyone out. The sign-in form gets a session of its own (not signed in), so
/// even that form carries a CSRF token; signing in replaces it with a new id (no fixation).
/// Sessions end after ``lifetime`` without a request; at most ``capacity`` are kept, the
/// longest idle dropped first.
///
/// ```swift
/// let sessions = ConsoleSessions()
/// let visitor = sessions.start(signedIn: false)    // for the sign-in form
/// sessions.session(visitor.id)?.csrf               // what its forms carry
/// ```
final class ConsoleSessions: Sendable {
    struct Session: Sendable, Equatable {
        var id: String
        var csrf: String
        var signedIn: Bool
        var lastSeen: ContinuousClock.Instant
        /// Shown once by the next page: what was recorded, or why not.
        var notice: String?
        var error: String?
    }

    static let lifetime = Duration.seconds(8 * 3600)
    static let capacity = 10_000

    private let sessions = Mutex<[String: Session]>([:])
    private let now: @Sendable () -> ContinuousClock.Instant

    /// `now` is the clock the idle time is measured on (injected by tests).
    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) { self.now = now }

    /// A new session with fresh random id and CSRF token.
    func start(signedIn: Bool) -> Session {
        let at = now()
        let session = Session(id: Self.randomToken(), csrf: Self.randomToken(), signedIn: signedIn, lastSeen: at)
        sessions.withLock { all in
            all = all.filter { at - $0.value.lastSeen < Self.lifetime }
            if all.count >= Self.capacity, let oldest = all.values.min(by: { $0.lastSeen < $1.lastSeen }) { all[oldest.id] = nil }
            all[session.id] = session
        }
        return session
    }

    /// The live session `id` names (its idle time restarted), or nil.
    func session(_ id: String?) -> Session? {
        guard let id else { return nil }
        let at = now()
        return sessions.withLock { all in
            guard var session = all[id] else { return nil }
            guard at - session.lastSeen < Self.lifetime else {
                all[id] = nil
                return nil
            }
            session.lastSeen = at
            all[id] = session
            return session
        }
    }

    /// Ends the session `id`.
    func end(_ id: String) { _ = sessions.withLock { $0.removeValue(forKey: id) } }

    /// Leaves a message for the session's next page.
    func flash(_ id: String, notice: String? = nil, error: String? = nil) {
        sessions.withLock { all in
            all[id]?.notice = notice
            all[id]?.error = error
        }
    }

    /// The session's message, removed.
    func takeFlash(_ id: String) -> (notice: String?, error: String?) {
        sessions.withLock { all in
            defer {
                all[id]?.notice = nil
                all[id]?.error = nil
            }
            return (all[id]?.notice, all[id]?.error)
        }
    }

    /// 256 bits from the system's secure generator, as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
