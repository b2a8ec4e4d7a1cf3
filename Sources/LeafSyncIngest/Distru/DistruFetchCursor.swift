import DistruAPI

/// The payload of `distru.fetch.cursor`: the `updated_datetime` the next incremental fetch of
/// `resource` starts from. JSON: `{"resource": "orders", "updated_datetime": "2026-…Z"}`.
public struct DistruFetchCursor: Sendable, Hashable {
    public var resource: DistruResource
    public var updatedSince: DistruTimestamp

    public init(resource: DistruResource, updatedSince: DistruTimestamp) {
        self.resource = resource
        self.updatedSince = updatedSince
    }

    public var payload: [UInt8] {
        JSONValue.object(["resource": .string(resource.rawValue), "updated_datetime": .string(updatedSince.text)]).serialized()
    }

    public init?(payload: [UInt8]) {
        guard let json = try? JSONParser.parse(payload),
              let r = json["resource"]?.stringValue.flatMap(DistruResource.init(rawValue:)),
              let t = json["updated_datetime"]?.stringValue.flatMap({ DistruTimestamp($0) })
        else { return nil }
        self.init(resource: r, updatedSince: t)
    }

    /// The next cursor after a pass: the earlier of the server's clock when the pass began and
    /// the newest `updated_datetime` seen, minus `overlap`, never moving backwards.
    public static func advance(
        from old: DistruTimestamp?, passStart: DistruTimestamp?, newestSeen: DistruTimestamp?, overlap: Duration
    ) -> DistruTimestamp? {
        let bound: DistruTimestamp? = switch (passStart, newestSeen) {
        case (let s?, let n?): min(s, n)
        case (let s?, nil): s
        case (nil, let n?): n
        case (nil, nil): nil
        }
        guard let next = bound.map({ $0.adding(.zero - overlap) }) else { return old }
        if let old, old >= next { return old }
        return next
    }
}
