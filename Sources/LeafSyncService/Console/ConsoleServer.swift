import Hummingbird
import LeafSyncDomain
import Mustache

/// The console's request handling: sessions, CSRF, rendering, and the desk's actions.
/// ``Console/addRoutes(to:desk:token:connection:)`` makes one and routes to it.
struct ConsoleServer: Sendable {
    let desk: OperatorDesk
    let token: [UInt8]
    let connection: ConsoleConnection
    let sessions: ConsoleSessions

    static let signInPath = "/console/sign-in"

    // MARK: Sessions

    /// The request's session when it is signed in.
    func signedIn(_ request: Request) -> ConsoleSessions.Session? {
        sessions.session(ConsoleHTTP.sessionID(request)).flatMap { $0.signedIn ? $0 : nil }
    }

    /// Runs `body` for a signed-in session; without one, `303` to the sign-in page.
    func guarded(_ request: Request, _ body: (ConsoleSessions.Session) async throws -> Response) async throws -> Response {
        guard let session = signedIn(request) else { return ConsoleHTTP.redirect(Self.signInPath) }
        return try await body(session)
    }

    /// Like ``guarded(_:_:)`` for a POST: reads the form and checks its CSRF token first (`403`
    /// without the session's, and nothing done).
    func posted(_ request: Request, _ body: (ConsoleSessions.Session, ConsoleForm) async throws -> Response) async throws -> Response {
        try await guarded(request) { session in
            let form = ConsoleForm(fields: try await ConsoleHTTP.form(request))
            guard ConstantTime.equals(form.fields["csrf"] ?? "", session.csrf) else { return refusedCSRF(session, form) }
            return try await body(session, form)
        }
    }

    func refusedCSRF(_ session: ConsoleSessions.Session, _ form: ConsoleForm) -> Response {
        let why = form.fields["csrf"] == nil ? "missing" : "invalid"
        return render(
            "layout", title: "Refused", current: nil, session: session, status: .forbidden, page: (),
            error: "Refused: the form's CSRF token is \(why). Reload the page and send the form again; nothing was done.",
            signedIn: session.signedIn)
    }

    func home(_ request: Request) -> Response {
        ConsoleHTTP.redirect(signedIn(request) == nil ? Self.signInPath : ConsolePage.orders.path)
    }

    /// The sign-in form, with a session of its own (not signed in) for its CSRF token.
    func signInPage(_ request: Request, status: HTTPResponse.Status = .ok, error: String? = nil) -> Response {
        var cookie: String?
        let session: ConsoleSessions.Session
        if let existing = sessions.session(ConsoleHTTP.sessionID(request)) {
            session = existing
        } else {
            session = sessions.start(signedIn: false)
            cookie = ConsoleHTTP.cookie(session.id, secure: ConsoleHTTP.isTLS(request))
        }
        var response = render(
            "sign-in", title: "Sign in", current: nil, session: session, status: status, page: (), error: error, signedIn: false)
        if let cookie { response.headers[.setCookie] = cookie }
        return response
    }

    /// Checks the form's CSRF token and the admin token (in constant time): `303` to the orders
    /// with a new signed-in session, `401` with the form again, or `403` without the CSRF token.
    func signIn(_ request: Request) async throws -> Response {
        let form = ConsoleForm(fields: try await ConsoleHTTP.form(request))
        guard let visitor = sessions.session(ConsoleHTTP.sessionID(request)), ConstantTime.equals(form.fields["csrf"] ?? "", visitor.csrf)
        else {
            let session = sessions.start(signedIn: false)
            var response = refusedCSRF(session, form)
            response.headers[.setCookie] = ConsoleHTTP.cookie(session.id, secure: ConsoleHTTP.isTLS(request))
            return response
        }
        guard ConstantTime.equals(Array((form.fields["token"] ?? "").utf8), token) else {
            return signInPage(request, status: .unauthorized, error: "That is not the admin token (LEAFSYNC_ADMIN_TOKEN). Try again.")
        }
        sessions.end(visitor.id)
        let session = sessions.start(signedIn: true)
        return ConsoleHTTP.redirect(ConsolePage.orders.path, cookie: ConsoleHTTP.cookie(session.id, secure: ConsoleHTTP.isTLS(request)))
    }

    func signOut(_ request: Request) async throws -> Response {
        try await posted(request) { session, _ in
            sessions.end(session.id)
            return ConsoleHTTP.redirect(Self.signInPath, cookie: ConsoleHTTP.expiredCookie(secure: ConsoleHTTP.isTLS(request)))
        }
    }

    // MARK: Pages

    func show(_ page: ConsolePage, _ request: Request) async throws -> Response {
        try await guarded(request) { session in
            let flash = sessions.takeFlash(session.id)
            return render(page, session: session, model: try await model(page), notice: flash.notice, error: flash.error)
        }
    }

    func showOrder(_ number: String, _ request: Request) async throws -> Response {
        try await guarded(request) { session in
            do {
                let page = try await orderPage(number)
                return render(
                    "order", title: "Order \(page.order.number)", current: .orders, session: session, status: .ok, page: page)
            } catch let error as OperatorError {
                return render(.orders, session: session, model: try await model(.orders), status: .notFound, error: error.message)
            }
        }
    }

    /// Runs a form's action: `303` back to its page with what was recorded (and the engine's
    /// refusal, if it refused); an ``OperatorError`` shows the page again with `422`.
    func act(_ action: ConsoleAction, _ request: Request) async throws -> Response {
        try await posted(request) { session, form in
            do {
                let recorded = try await action.run(desk, form)
                sessions.flash(session.id, notice: recorded.text, error: recorded.refusal.map { "Refused by the engine: \($0)" })
                return ConsoleHTTP.redirect(action.back.path)
            } catch let error as OperatorError {
                return render(
                    action.back, session: session, model: try await model(action.back), status: .unprocessableContent,
                    error: "Not recorded: \(error.field): \(error.message)")
            }
        }
    }

    // MARK: Rendering

    func render(
        _ page: ConsolePage, session: ConsoleSessions.Session, model: Any, status: HTTPResponse.Status = .ok, notice: String? = nil,
        error: String? = nil
    ) -> Response {
        render(page.template, title: page.title, current: page, session: session, status: status, page: model, notice: notice, error: error)
    }

    func render(
        _ template: String, title: String, current: ConsolePage?, session: ConsoleSessions.Session, status: HTTPResponse.Status, page: Any,
        notice: String? = nil, error: String? = nil, signedIn: Bool = true
    ) -> Response {
        let view = ConsoleView(
            title: title, nav: ConsolePage.allCases.map { NavLink(href: $0.path, label: $0.title, current: $0 == current) },
            csrf: session.csrf,
            signedIn: signedIn, notice: notice, error: error, page: page)
        let html = ConsoleTemplates.library.render(view, withTemplate: template) ?? "console template \(template) is missing"
        return ConsoleHTTP.html(status, html)
    }
}
