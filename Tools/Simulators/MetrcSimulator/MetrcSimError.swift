public import LeafSyncJSON

/// An API error answer in Metrc's shapes: `{"Message": …}`, or for a write whose objects fail
/// validation `[{"row": 0, "message": …}]`.
public struct MetrcSimError: Error, CustomStringConvertible {
    public var status: Int
    public var body: JSONValue

    public var description: String { "\(status): \(body.text)" }

    init(_ status: Int, _ message: String) {
        self.status = status
        self.body = ["Message": .string(message)]
    }

    /// 400 with one `{row, message}` entry per failure.
    static func rows(_ failures: [(row: Int, message: String)]) -> MetrcSimError {
        var e = MetrcSimError(400, "")
        e.body = .array(failures.map { ["row": .int($0.row), "message": .string($0.message)] })
        return e
    }

    static let unauthorized = MetrcSimError(401, "Authorization has been denied for this request.")
    static func notFound(_ what: String) -> MetrcSimError { MetrcSimError(404, "\(what) was not found.") }
}
