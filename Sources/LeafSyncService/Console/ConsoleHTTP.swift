import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The console's HTTP plumbing: its session cookie, its form bodies and its answers (HTML pages
/// and `303 See Other` redirects), each with headers that keep the pages out of caches and frames.
enum ConsoleHTTP {
    static let cookieName = "leafsync_session"
    /// The largest form body read (the settings form is the largest: a few hundred bytes).
    static let maxForm = 64 * 1024

    /// The session id of the request's `leafsync_session` cookie, if it has one.
    static func sessionID(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookieName {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// Whether the request came over TLS: to the server itself, or through a proxy that says so
    /// (`X-Forwarded-Proto: https`, `Forwarded: proto=https`); the cookie is then `Secure`.
    static func isTLS(_ request: Request) -> Bool {
        if request.head.scheme == "https" { return true }
        if let proto = HTTPField.Name("X-Forwarded-Proto").flatMap({ request.headers[$0] }), proto.lowercased().hasPrefix("https") {
            return true
        }
        if let forwarded = HTTPField.Name("Forwarded").flatMap({ request.headers[$0] }), forwarded.lowercased().contains("proto=https") {
            return true
        }
        return false
    }

    /// `leafsync_session=<id>; Path=/console; HttpOnly; SameSite=Strict` (and `Secure` over TLS).
    static func cookie(_ id: String, secure: Bool) -> String {
        "\(cookieName)=\(id); Path=/console; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// A cookie that ends the session in the browser.
    static func expiredCookie(secure: Bool) -> String { cookie("", secure: secure) + "; Max-Age=0" }

    /// The fields of an `application/x-www-form-urlencoded` body (a name given twice: the last).
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: maxForm)
        return decodeForm(String(buffer: body))
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let name = parts.first.map(decode), !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// Headers every console answer carries: no caching, no framing, no scripts, forms only to itself.
    static func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
        var headers: HTTPFields = [
            .cacheControl: "no-store",
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
        headers.append(contentsOf: extra)
        return headers
    }

    static func html(_ status: HTTPResponse.Status, _ page: String, cookie: String? = nil) -> Response {
        var extra: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        if let cookie { extra[.setCookie] = cookie }
        return Response(status: status, headers: headers(extra), body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    /// `303 See Other` to `location` (a GET after a POST).
    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var extra: HTTPFields = [.location: location]
        if let cookie { extra[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers(extra))
    }

    /// A path segment for a link (an order number).
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
