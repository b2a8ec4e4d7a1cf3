import AsyncHTTPClient
import Foundation
import LeafSyncJSON
import LeafSyncService
import NIOCore
import NIOHTTP1

/// The operator commands' way in while the service runs (it holds the log's writer lock): the
/// same request, sent to the service's admin API, with `LEAFSYNC_ADMIN_TOKEN`. The API is found
/// from `LEAFSYNC_ADMIN_URL`, else from `DIR/service.json` (written by `leafsync run` while it
/// serves), else `http://127.0.0.1:$LEAFSYNC_HTTP_PORT`.
struct AdminClient {
    var baseURL: String
    var token: String

    /// The client for the service running on `directory`, if the environment gives a token and
    /// the API can be found.
    static func find(directory: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> AdminClient? {
        guard let token = environment["LEAFSYNC_ADMIN_TOKEN"], !token.isEmpty else { return nil }
        if let url = environment["LEAFSYNC_ADMIN_URL"], !url.isEmpty { return AdminClient(baseURL: url, token: token) }
        let serviceFile = URL(fileURLWithPath: directory).appendingPathComponent("service.json")
        if let bytes = try? Data(contentsOf: serviceFile), let url = (try? JSONParser.parse(Array(bytes)))?["url"]?.stringValue {
            return AdminClient(baseURL: url, token: token)
        }
        if let port = environment["LEAFSYNC_HTTP_PORT"], let number = Int(port), number > 0 {
            return AdminClient(baseURL: "http://127.0.0.1:\(number)", token: token)
        }
        return nil
    }

    /// Sends `call`; returns the answer's JSON, or throws the ``OperatorError`` a 422 carries.
    func send(_ call: AdminCall) async throws -> JSONValue {
        var url = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        url += call.path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
        }.joined(separator: "/")
        var request = HTTPClientRequest(url: url)
        request.method = call.method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if call.method != .GET {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONWriter.compactBytes(call.body)))
        } else if case .object(let members) = call.body, !members.isEmpty {
            var components = URLComponents(string: url)
            components?.queryItems = members.compactMap { name, value in value.stringValue.map { URLQueryItem(name: name, value: $0) } }
            request.url = components?.string ?? url
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)
        let json = (try? JSONParser.parse(bytes)) ?? .null
        switch response.status.code {
        case 200: return json
        case 401: throw AdminClientError(message: "the admin API at \(baseURL) refused LEAFSYNC_ADMIN_TOKEN")
        case 422:
            throw OperatorError(field: json["error"]?["field"]?.stringValue ?? "request", message: json["error"]?["message"]?.stringValue ?? "refused")
        default:
            throw AdminClientError(message: "the admin API at \(baseURL) answered \(response.status.code): \(String(decoding: bytes.prefix(500), as: UTF8.self))")
        }
    }
}

/// One admin API request: method, path under the base URL, and members (the JSON body, or the
/// query of a GET).
struct AdminCall {
    var method: HTTPMethod
    var path: String
    var body: JSONValue = .object([:])

    static func get(_ path: String, _ query: [String: String?] = [:]) -> AdminCall {
        AdminCall(method: .GET, path: path, body: .object(JSONObject(query.compactMap { k, v in v.map { (k, .string($0)) } })))
    }

    static func post(_ path: String, _ members: [String: JSONValue], method: HTTPMethod = .POST) -> AdminCall {
        AdminCall(method: method, path: path, body: .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })))
    }

    static func patch(_ path: String, _ members: [String: JSONValue]) -> AdminCall { post(path, members, method: .PATCH) }
}

struct AdminClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
