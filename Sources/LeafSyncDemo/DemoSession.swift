import AsyncHTTPClient
public import Foundation
public import LeafSyncJSON
import NIOCore
public import NIOHTTP1

/// The demo's hands: HTTP calls to the simulators and the service, and waiting (polling with a
/// deadline) until LeafSync has done what a step expects.
public struct DemoSession: Sendable {
    public let endpoints: DemoEndpoints
    /// How long one expectation may take before the demo gives up (the polls and push cycles
    /// run every second, webhooks act at once).
    public var patience: Duration
    let report: @Sendable (DemoProgress) -> Void

    public init(endpoints: DemoEndpoints, patience: Duration = .seconds(30), report: @escaping @Sendable (DemoProgress) -> Void) {
        self.endpoints = endpoints
        self.patience = patience
        self.report = report
    }

    // MARK: The servers

    /// `GET` on LeafLink's API, as the engine reads it.
    public func leafLink(_ path: String) async throws -> JSONValue {
        try await send(.GET, endpoints.leafLink + "api/v2/" + path, authorization: "App \(endpoints.leafLinkAPIKey)")
    }

    /// `GET` on Distru's API; a single record comes out of its `data` envelope.
    public func distru(_ path: String) async throws -> JSONValue {
        let answer = try await send(.GET, endpoints.distru + "public/v1/" + path, authorization: "Bearer \(endpoints.distruAPIKey)")
        return answer["data"] ?? answer
    }

    /// A write on LeafLink's API: what the seller's own tools send (LeafLink's web app does the same).
    @discardableResult
    public func writeLeafLink(_ method: HTTPMethod, _ path: String, _ body: JSONValue) async throws -> JSONValue {
        try await send(method, endpoints.leafLink + "api/v2/" + path, body: body, authorization: "App \(endpoints.leafLinkAPIKey)")
    }

    /// The HTTP status of a `GET` on Distru's API (404 once a record is deleted).
    public func distruStatus(_ path: String) async throws -> Int {
        try await exchange(.GET, endpoints.distru + "public/v1/" + path, body: nil, authorization: "Bearer \(endpoints.distruAPIKey)").0
    }

    /// What a person does in LeafLink's web app (the simulator's control routes).
    @discardableResult
    public func inLeafLink(_ method: HTTPMethod, _ path: String, _ body: JSONValue = .object([:])) async throws -> JSONValue {
        try await send(method, endpoints.leafLink + "_sim/" + path, body: body)
    }

    /// What a person does in Distru's web app.
    @discardableResult
    public func inDistru(_ method: HTTPMethod, _ path: String, _ body: JSONValue = .object([:])) async throws -> JSONValue {
        try await send(method, endpoints.distru + "_sim/" + path, body: body)
    }

    /// What a person does in Metrc's web app (the Metrc simulator's control routes).
    @discardableResult
    public func inMetrc(_ method: HTTPMethod, _ path: String, _ body: JSONValue = .object([:])) async throws -> JSONValue {
        guard let metrc = endpoints.metrc else { throw DemoError("no Metrc simulator: the demo's endpoints name none") }
        return try await send(method, metrc + "_sim/" + path, body: body)
    }

    /// An operator request to the service's admin API. A request the engine refused throws.
    @discardableResult
    public func operate(_ method: HTTPMethod, _ path: String, _ body: JSONValue = .object([:])) async throws -> JSONValue {
        let answer = try await send(method, endpoints.service + "admin/v1/" + path, body: body, authorization: "Bearer \(endpoints.adminToken)")
        if let refusal = answer["refusal"]?.stringValue { throw DemoError("the engine refused \(method) \(path): \(refusal)") }
        return answer
    }

    /// A GET on the service itself (`readyz`, `metrics`); the status and the body's text.
    public func service(_ path: String) async throws -> (status: Int, text: String) {
        let (status, bytes) = try await exchange(.GET, endpoints.service + path, body: nil, authorization: nil)
        return (status, String(decoding: bytes, as: UTF8.self))
    }

    // MARK: Waiting

    /// Polls `probe` until it returns a value, then reports `what` as observed with the time it
    /// took. Throws when `patience` runs out, with the last thing the probe saw.
    @discardableResult
    public func expect<T: Sendable>(_ what: String, _ probe: @Sendable () async throws -> T?) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: patience)
        var lastError: (any Error)?
        while true {
            do {
                if let value = try await probe() {
                    let elapsed = start.duration(to: clock.now)
                    report(.observed(what, milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)))
                    return value
                }
            } catch {
                lastError = error
            }
            guard clock.now < deadline else {
                throw DemoError("waited \(patience) for: \(what)" + (lastError.map { "; last error: \($0)" } ?? ""))
            }
            try await clock.sleep(for: .milliseconds(100))
        }
    }

    /// Reports a person's or the operator's action.
    public func act(_ what: String) { report(.action(what)) }

    // MARK: HTTP

    func send(_ method: HTTPMethod, _ url: String, body: JSONValue? = nil, authorization: String? = nil) async throws -> JSONValue {
        let (status, bytes) = try await exchange(method, url, body: method == .GET ? nil : body, authorization: authorization)
        let json = bytes.isEmpty ? JSONValue.null : ((try? JSONParser.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
        guard (200..<300).contains(status) else {
            throw DemoError("\(method) \(url) answered \(status): \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        }
        return json
    }

    func exchange(_ method: HTTPMethod, _ url: String, body: JSONValue?, authorization: String?) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 32 << 20).readableBytesView)
        return (Int(response.status.code), bytes)
    }
}
