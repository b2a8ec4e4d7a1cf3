import LeafSyncJSON

/// Where the next incremental fetch of one resource starts, as the fetchers log it (event
/// `<vendor>.fetch.cursor`). JSON: `{"resource": "<path>", "<filter>": "<vendor timestamp>"}`,
/// where the filter is the vendor's (`modified__gte` for LeafLink, `updated_datetime` for
/// Distru), so the log keeps each vendor's own wording.
public struct FetchCursor<Resource: RawRepresentable & Hashable & Sendable, Timestamp: APITimestamp>: Sendable, Hashable
where Resource.RawValue == String {
    public var resource: Resource
    /// Records changed at or after this instant are fetched next.
    public var since: Timestamp

    public init(resource: Resource, since: Timestamp) {
        self.resource = resource
        self.since = since
    }

    /// The event payload, `since` under `filterKey`.
    public func payload(filterKey: String) -> [UInt8] {
        JSONValue.object(["resource": .string(resource.rawValue), filterKey: .string(since.text)]).serialized()
    }

    /// Reads a payload written by ``payload(filterKey:)``; nil when it is not one.
    public init?(payload: [UInt8], filterKey: String) {
        guard let json = try? JSONParser.parse(payload),
            let r = json["resource"]?.stringValue.flatMap(Resource.init(rawValue:)),
            let t = json[filterKey]?.stringValue.flatMap({ Timestamp($0) })
        else { return nil }
        self.init(resource: r, since: t)
    }

    /// The next cursor after a pass: the earlier of the server's clock when the pass began and
    /// the newest change seen, minus `overlap` (against clock skew), never moving backwards. A
    /// record changed while the pass ran is newer than the start, so the next pass sees it.
    public static func advance(from old: Timestamp?, passStart: Timestamp?, newestSeen: Timestamp?, overlap: Duration) -> Timestamp? {
        let bound: Timestamp? =
            switch (passStart, newestSeen) {
            case (let s?, let n?): min(s, n)
            case (let s?, nil): s
            case (nil, let n?): n
            case (nil, nil): nil
            }
        guard let next = bound?.moved(by: .zero - overlap) else { return old }
        if let old, old >= next { return old }
        return next
    }
}
