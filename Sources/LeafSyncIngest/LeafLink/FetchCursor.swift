import LeafLinkAPI

/// The payload of `leaflink.fetch.cursor`: the `modified__gte` the next fetch of `resource`
/// starts from. JSON: `{"resource": "orders-received", "modified__gte": "2026-…+00:00"}`.
public struct FetchCursor: Sendable, Hashable {
    public var resource: LeafLinkResource
    public var modifiedSince: LeafLinkTimestamp

    public init(resource: LeafLinkResource, modifiedSince: LeafLinkTimestamp) {
        self.resource = resource
        self.modifiedSince = modifiedSince
    }

    public var payload: [UInt8] {
        JSONValue.object(["resource": .string(resource.rawValue), "modified__gte": .string(modifiedSince.text)]).serialized()
    }

    public init?(payload: [UInt8]) {
        guard let json = try? JSONParser.parse(payload),
              let r = json["resource"]?.stringValue.flatMap(LeafLinkResource.init(rawValue:)),
              let t = json["modified__gte"]?.stringValue.flatMap(LeafLinkTimestamp.init)
        else { return nil }
        self.init(resource: r, modifiedSince: t)
    }

    /// The next cursor after a pass: the earlier of the server's clock when the pass began and
    /// the newest `modified` seen, minus `overlap`, never moving backwards. A record changed
    /// while the pass ran has `modified` ≥ the start, so the next pass sees it.
    public static func advance(
        from old: LeafLinkTimestamp?, passStart: LeafLinkTimestamp?, newestSeen: LeafLinkTimestamp?, overlapMicros: Int64
    ) -> LeafLinkTimestamp? {
        let bound: LeafLinkTimestamp? = switch (passStart, newestSeen) {
        case (let s?, let n?): min(s, n)
        case (let s?, nil): s
        case (nil, let n?): n
        case (nil, nil): nil
        }
        guard let bound else { return old }
        let next = bound.adding(microseconds: -overlapMicros)
        if let old, old >= next { return old }
        return next
    }
}
