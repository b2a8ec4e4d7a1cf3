import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// HTTP pieces every simulator's responder uses.
public enum SimHTTP {
    /// A JSON answer.
    public static func json(_ status: Int, bytes: [UInt8]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    struct DroppedConnection: Error {}

    /// Promises a body, sends its first bytes, then closes the connection (the client sees a
    /// transport failure).
    public static func dropped(prefix: String = "{\"data\": ") -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: prefix))
                throw DroppedConnection()
            })
    }

    /// `a=1&b=x%2Cy` → `[("a", "1"), ("b", "x,y")]`, keeping order and repeats.
    public static func parseQuery(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }
}
