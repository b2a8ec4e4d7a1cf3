import Foundation

/// Where and how ``SMTPDelivery`` reaches the relay, from a URL and a password kept apart.
///
/// | URL | transport | default port |
/// | --- | --- | --- |
/// | `smtp://user@host:587` | plain TCP, then `STARTTLS`, which the server must offer | 587 |
/// | `smtps://user@host:465` | TLS from the first byte (implicit TLS) | 465 |
/// | `smtp+insecure://host:25` | plain TCP throughout, AUTH allowed in the clear (a relay on a trusted network or loopback) | 25 |
///
/// The user name is the URL's user part (percent-encoded: `user%40example.com`); the password
/// comes from the environment (`LEAFSYNC_SMTP_PASSWORD`), never from the URL, and is never part
/// of a description, a log line or an error. AUTH is sent only when a user is named, and (but
/// for `smtp+insecure://`) only over TLS.
///
/// ```swift
/// var configuration = try SMTPConfiguration(
///     url: "smtp://leafsync%40example.com@mail.example.com",
///     password: ProcessInfo.processInfo.environment[SMTPConfiguration.passwordVariable])
/// configuration.timeout = .seconds(30)
/// let delivery = SMTPDelivery(configuration: configuration)
/// ```
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        /// `smtp://`: `STARTTLS` after the first `EHLO`; a server that does not offer it is an error.
        case startTLS = "smtp"
        /// `smtps://`: TLS from the start.
        case implicitTLS = "smtps"
        /// `smtp+insecure://`: no TLS at all.
        case none = "smtp+insecure"
    }

    /// Which certificates the client trusts for the relay's.
    public enum TrustRoots: Sendable, Equatable {
        /// The system's trust store.
        case system
        /// The certificates in a PEM file, instead of the system's: a private CA, or a test's
        /// self-signed certificate.
        case pemFile(String)
    }

    /// The environment variable the password is read from, by whoever builds the configuration:
    /// `SMTPConfiguration(url: url, password: environment[SMTPConfiguration.passwordVariable])`.
    public static let passwordVariable = "LEAFSYNC_SMTP_PASSWORD"

    public var host: String
    public var port: Int
    public var security: Security
    /// The AUTH user, or nil to send no AUTH.
    public var username: String?
    /// Kept out of ``description`` and every error.
    var password: String?
    /// How long each step (connect, each reply, the TLS handshake) may take before the delivery
    /// fails as a retryable timeout. Measured on the clock given to ``SMTPDelivery``.
    public var timeout: Duration = .seconds(60)
    /// The trust store for the relay's certificate; ``TrustRoots/system`` by default.
    public var trustRoots: TrustRoots = .system
    /// The name this client gives in `EHLO`: the machine's host name (`gethostname`, no DNS
    /// lookup) by default.
    public var clientName: String = Self.localHostName()

    /// Reads `smtp://`, `smtps://` or `smtp+insecure://` `[user@]host[:port]`. Throws an
    /// ``SMTPConfigurationError`` that names the part of the URL that is wrong (without repeating
    /// a password the URL may hold).
    public init(url: String, password: String?) throws {
        func invalid(_ problem: String) -> SMTPConfigurationError { SMTPConfigurationError(problem: problem) }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw invalid("the SMTP URL is not a URL; write it as smtp://user@host:587, smtps://user@host:465 or smtp+insecure://host:25")
        }
        guard let security = Security(rawValue: scheme) else {
            throw invalid(
                "the SMTP URL's scheme is \(scheme)://; use smtp:// (STARTTLS), smtps:// (implicit TLS) or smtp+insecure:// (no TLS)")
        }
        guard components.password == nil else {
            throw invalid("the SMTP URL holds a password; remove it from the URL and set \(Self.passwordVariable) instead")
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("the SMTP URL names no host; write it as \(scheme)://[user@]host[:port]")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil else {
            throw invalid("the SMTP URL has a path, query or fragment; write only \(scheme)://[user@]host[:port]")
        }
        let username = components.user.flatMap { $0.isEmpty ? nil : $0 }
        if username != nil, password == nil {
            throw invalid("the SMTP URL names the user \(username!) but no password is set; set \(Self.passwordVariable)")
        }
        if username == nil, password != nil {
            throw invalid("a password is set but the SMTP URL names no user; write \(scheme)://user@\(host)")
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? Self.defaultPort(security)
        self.security = security
        self.username = username
        self.password = password
        guard (1...65535).contains(self.port) else { throw invalid("the SMTP URL's port \(self.port) is not between 1 and 65535") }
    }

    static func localHostName() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return host.isEmpty ? "localhost" : host
    }

    static func defaultPort(_ security: Security) -> Int {
        switch security {
        case .startTLS: 587
        case .implicitTLS: 465
        case .none: 25
        }
    }

    /// `smtp://user@host:587`, and whether a password is set; never the password.
    public var description: String {
        let user = username.map { "\($0)@" } ?? ""
        return "\(security.rawValue)://\(user)\(host):\(port)" + (password == nil ? "" : " (password set)")
    }
}

/// An SMTP URL that cannot be used, and how to write it.
public struct SMTPConfigurationError: Error, CustomStringConvertible, Sendable {
    public var problem: String
    public var description: String { problem }
}
