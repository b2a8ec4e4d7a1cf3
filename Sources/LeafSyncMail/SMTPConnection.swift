import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One open connection to an SMTP server, as ``SMTPDelivery`` uses it: send a command, await
/// its reply, upgrade to TLS. Every wait is bounded by `timeout` on the injected clock; when it
/// passes, the connection is closed (which fails whatever else waits on it) and
/// ``SMTPConnectionProblem/timedOut`` is thrown.
///
/// The pipeline, from the socket inwards: [`NIOSSLClientHandler`] → `ByteToMessageHandler(SMTPLineDecoder)`
/// → ``SMTPClientHandler``. The TLS handler is there from the start for implicit TLS, and
/// inserted at the front after the server's `220` to `STARTTLS`.
struct SMTPConnection: Sendable {
    let channel: any Channel
    /// The server's greeting, awaited from the moment the connection opened.
    let greetingReply: EventLoopFuture<SMTPReply>
    let timeout: Duration
    let clock: any Clock<Duration>

    /// Connects (NIO's connect timeout, set to `timeout`), and for implicit TLS (`tls` given)
    /// completes the handshake before returning.
    static func open(
        host: String, port: Int, tls: NIOSSLContext?, timeout: Duration, clock: any Clock<Duration>
    ) async throws -> SMTPConnection {
        // The server greets as soon as the connection opens: the handler waits for that reply
        // from the start, so it can never arrive before anyone asked for it.
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let greeting = eventLoop.makePromise(of: SMTPReply.self)
        let handshake = eventLoop.makePromise(of: Void.self)
        let serverHostname = Self.serverHostname(host)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = SMTPClientHandler(greeting: greeting)
                    if let tls {
                        handler.awaitHandshake(handshake)
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            greeting.fail(error)
            handshake.fail(error)
            throw error
        }
        let connection = SMTPConnection(channel: channel, greetingReply: greeting.futureResult, timeout: timeout, clock: clock)
        if tls == nil { handshake.succeed() } else { try await connection.bounded(handshake.futureResult) }
        return connection
    }

    /// Waits for the server's greeting (sent unasked when the connection opens).
    func greeting() async throws -> SMTPReply { try await bounded(greetingReply) }

    /// Sends one command line (CRLF added) and returns the reply.
    func command(_ line: String) async throws -> SMTPReply { try await exchange(ByteBuffer(string: line + "\r\n")) }

    /// Sends a message after `DATA`'s `354`: dot-stuffed (RFC 5321 §4.5.2), then the final
    /// `.` line. `text` is CRLF-terminated RFC 5322 text.
    func message(_ text: String) async throws -> SMTPReply {
        try await exchange(ByteBuffer(string: Self.dotStuffed(text) + ".\r\n"))
    }

    /// After the server's `220` to `STARTTLS`: puts a TLS client handler at the front of the
    /// pipeline and waits for its handshake.
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        let done = channel.eventLoop.makePromise(of: Void.self)
        let channel = self.channel
        let serverHostname = Self.serverHostname(host)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self).awaitHandshake(done)
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
        }.get()
        try await bounded(done.futureResult)
    }

    /// Closes the connection (without `QUIT`); never throws.
    func close() async { try? await channel.close() }

    private func exchange(_ bytes: ByteBuffer) async throws -> SMTPReply {
        let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.writeAndFlush(SMTPRequest(bytes: bytes, reply: reply)).whenFailure { reply.fail($0) }
        return try await bounded(reply.futureResult)
    }

    /// `future`'s value, or ``SMTPConnectionProblem/timedOut`` when `timeout` passes first on
    /// `clock`. Either way nothing is left waiting: on a timeout or an error the channel is
    /// closed, which completes `future` too.
    private func bounded<Value: Sendable>(_ future: EventLoopFuture<Value>) async throws -> Value {
        let (clock, timeout, channel) = (self.clock, self.timeout, self.channel)
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await future.get() }
            group.addTask {
                try await clock.sleep(for: timeout)
                return nil
            }
            do {
                guard let value = try await group.next()! else { throw SMTPConnectionProblem.timedOut }
                group.cancelAll()
                return value
            } catch {
                channel.close(promise: nil)
                group.cancelAll()
                throw error
            }
        }
    }

    /// The name for SNI and certificate checks; nil for an IP address, which is checked
    /// against the certificate's IP entries instead.
    static func serverHostname(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// Doubles a `.` that starts a line, so no line of the message ends the DATA early.
    static func dotStuffed(_ text: String) -> String {
        (text.hasPrefix(".") ? "." : "") + text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }
}
