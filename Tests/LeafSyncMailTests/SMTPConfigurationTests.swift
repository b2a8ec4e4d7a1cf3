import Testing

@testable import LeafSyncMail

@Suite("SMTPConfiguration reads an SMTP URL, the password kept apart")
struct SMTPConfigurationTests {
    @Test("schemes choose the security and default port; the user is percent-decoded")
    func schemes() throws {
        let submission = try SMTPConfiguration(url: "smtp://leafsync%40example.com@mail.example.com", password: "s3cret")
        #expect(submission.security == .startTLS)
        #expect(submission.port == 587)
        #expect(submission.username == "leafsync@example.com")
        #expect(submission.host == "mail.example.com")
        let implicit = try SMTPConfiguration(url: "smtps://mail.example.com", password: nil)
        #expect(implicit.security == .implicitTLS)
        #expect(implicit.port == 465)
        #expect(implicit.username == nil)
        let plain = try SMTPConfiguration(url: "smtp+insecure://127.0.0.1:2525", password: nil)
        #expect(plain.security == .none)
        #expect(plain.port == 2525)
        #expect(plain.trustRoots == .system)
    }

    @Test("the description shows where, and that a password is set, never the password")
    func descriptionHidesPassword() throws {
        let configuration = try SMTPConfiguration(url: "smtp://bot@mail.example.com:2587", password: "hunter2-secret")
        #expect(configuration.description == "smtp://bot@mail.example.com:2587 (password set)")
    }

    @Test(
        "a wrong URL is an error naming what is wrong",
        arguments: [
            ("http://mail.example.com", "scheme is http://"),
            ("smtp://bot:hunter2-secret@mail.example.com", "holds a password"),
            ("smtp://", "names no host"),
            ("smtp://mail.example.com/inbox", "path, query or fragment"),
            ("smtp://bot@mail.example.com", "no password is set"),
            ("smtp://mail.example.com:70000", "port"),
        ])
    func invalidURLs(url: String, problem: String) throws {
        let error = try #require(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: url, password: nil) }
        #expect(error.description.contains(problem), "\(error)")
        #expect(!error.description.contains("hunter2-secret"))
    }

    @Test("a password without a user in the URL is an error")
    func passwordWithoutUser() throws {
        let error = try #require(throws: SMTPConfigurationError.self) {
            try SMTPConfiguration(url: "smtp://mail.example.com", password: "x")
        }
        #expect(error.description.contains("names no user"))
    }
}
