import Foundation
import LeafSyncTestSupport
import Testing

@testable import LeafSyncMail

@Suite("OutboxDelivery writes .eml files atomically, once per id")
struct OutboxDeliveryTests {
    @Test("deliver writes <fileSafeID>.eml with the whole message and leaves no temporary file")
    func writesCompleteFile() async throws {
        let directory = TemporaryDirectory("outbox")
        let outbox = OutboxDelivery(directory: URL(fileURLWithPath: directory.sub("outbox")))  // created on first use
        let message = sampleMessage(id: "sync-error/R-ORD-04/1234")
        try await outbox.deliver(message)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.sub("outbox"))
        #expect(files == ["sync-error=2FR-ORD-04=2F1234.eml"])
        let written = try String(contentsOfFile: outbox.fileURL(for: message).path, encoding: .utf8)
        #expect(written == message.rfc5322())
    }

    @Test("a second delivery of the same id is a no-op: the first file stays as it was")
    func secondDeliveryIsNoOp() async throws {
        let directory = TemporaryDirectory("outbox")
        let outbox = OutboxDelivery(directory: URL(fileURLWithPath: directory.path))
        let first = sampleMessage(body: "first\n")
        try await outbox.deliver(first)
        var second = first
        second.body = "second, after a crash before the outcome was logged\n"
        try await outbox.deliver(second)
        let written = try String(contentsOfFile: outbox.fileURL(for: first).path, encoding: .utf8)
        #expect(written == first.rfc5322())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 1)
    }

    @Test("concurrent deliveries of one id leave exactly one complete file")
    func concurrentDeliveries() async throws {
        let directory = TemporaryDirectory("outbox")
        let outbox = OutboxDelivery(directory: URL(fileURLWithPath: directory.path))
        let messages = (0..<8).map { sampleMessage(body: "attempt \($0)\n") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for message in messages { group.addTask { try await outbox.deliver(message) } }
            try await group.waitForAll()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["sync-error.R-ORD-04.1234.eml"])
        let written = try String(contentsOfFile: outbox.fileURL(for: messages[0]).path, encoding: .utf8)
        #expect(messages.map { $0.rfc5322() }.contains(written))
    }

    @Test("a message without recipients is refused before any file is written, not retryable")
    func invalidMessage() async throws {
        let directory = TemporaryDirectory("outbox")
        let outbox = OutboxDelivery(directory: URL(fileURLWithPath: directory.path))
        var message = sampleMessage()
        message.to = []
        let error = try await #require(throws: MailError.self) { try await outbox.deliver(message) }
        #expect(error.stage == .message)
        #expect(!error.isRetryable)
        #expect(error.description.contains("no recipient"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("an outbox path that cannot be a directory fails naming the path, not retryable")
    func unusableDirectory() async throws {
        let directory = TemporaryDirectory("outbox")
        try Data("a file".utf8).write(to: URL(fileURLWithPath: directory.sub("file")))
        let outbox = OutboxDelivery(directory: URL(fileURLWithPath: directory.sub("file/outbox")))
        let error = try await #require(throws: MailError.self) { try await outbox.deliver(sampleMessage()) }
        #expect(error.stage == .outbox)
        #expect(!error.isRetryable)
        #expect(error.description.contains(directory.sub("file/outbox")))
    }
}
