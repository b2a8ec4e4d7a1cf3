package import AsyncHTTPClient
package import LeafSyncJSON
import NIOCore
package import NIOHTTP1

extension HTTPClientRequest {
    /// A request to a JSON API: the `Authorization` value (never logged), `User-Agent`, `Accept:
    /// application/json` and, with a body, `Content-Type: application/json`.
    package static func json(
        _ method: HTTPMethod, url: String, authorization: String, userAgent: String, body: JSONValue? = nil
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        return request
    }
}
