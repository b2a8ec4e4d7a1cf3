import NIOCore
import NIOTLS

/// A command for ``SMTPClientHandler``: the bytes to send and the promise its reply completes.
struct SMTPRequest: Sendable {
    var bytes: ByteBuffer
    var reply: EventLoopPromise<SMTPReply>
}

/// What went wrong on the connection itself, below the level of a reply.
enum SMTPConnectionProblem: Error, Sendable, Equatable {
    /// The server closed the connection while a reply was awaited.
    case closed
    /// A line that is not an SMTP reply line (no three-digit code).
    case malformedReply(String)
    /// A reply line longer than ``SMTPLineDecoder/maximumLineLength``.
    case lineTooLong
    /// The server answered when no command was waiting for an answer.
    case unexpectedReply(Int)
    /// No reply (or no connection) within the configured timeout.
    case timedOut
}

/// Splits the byte stream into lines at LF, dropping the CR before it. Bounded: a line longer
/// than ``maximumLineLength`` is an error, not an ever-growing buffer.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String
    /// RFC 5321 allows reply lines of 512 bytes; this leaves room for lax servers.
    static let maximumLineLength = 8192

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPConnectionProblem.lineTooLong }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - buffer.readerIndex)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

/// Pairs SMTP commands with their replies, one at a time, in the order they were written.
///
/// The greeting's promise is the first in the queue, from the start. Outbound, an ``SMTPRequest`` is queued and its bytes written; inbound, reply lines are
/// gathered until the last line of a reply (`250 ` rather than `250-`), which completes the
/// oldest waiting request. Whatever ends the connection (an error, the peer closing) fails
/// every request still waiting, so no caller waits forever. It also completes the promise
/// given to ``awaitHandshake(_:)`` when a TLS handler in front of it finishes its handshake.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = String
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var lines: [String] = []
    private var handshake: EventLoopPromise<Void>?

    /// `greeting` is completed by the server's first reply.
    init(greeting: EventLoopPromise<SMTPReply>) { waiting.append(greeting) }

    /// Completes `promise` when the next TLS handshake on this channel completes, or fails it
    /// with the error that ends the connection. Call on the channel's event loop.
    func awaitHandshake(_ promise: EventLoopPromise<Void>) { handshake = promise }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = Self.unwrapOutboundIn(data)
        waiting.append(request.reply)
        context.write(Self.wrapOutboundOut(request.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = Self.unwrapInboundIn(data)
        guard let parsed = SMTPReply.parseLine(line) else { return fail(context: context, SMTPConnectionProblem.malformedReply(line)) }
        lines.append(parsed.text)
        guard !parsed.continues else { return }
        let reply = SMTPReply(code: parsed.code, lines: lines)
        lines = []
        guard let promise = waiting.popFirst() else { return fail(context: context, SMTPConnectionProblem.unexpectedReply(parsed.code)) }
        promise.succeed(reply)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            handshake?.succeed()
            handshake = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { fail(context: context, error) }

    func channelInactive(context: ChannelHandlerContext) {
        failWaiting(SMTPConnectionProblem.closed)
        context.fireChannelInactive()
    }

    private func fail(context: ChannelHandlerContext, _ error: any Error) {
        failWaiting(error)
        context.close(promise: nil)
    }

    private func failWaiting(_ error: any Error) {
        while let promise = waiting.popFirst() { promise.fail(error) }
        handshake?.fail(error)
        handshake = nil
    }
}
