import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

/// An API error answer, shaped like Django REST Framework's: `{"detail": …}` or field errors.
struct SimError: Error {
    var status: Int
    var body: JSONValue

    static func detail(_ status: Int, _ message: String) -> SimError { SimError(status: status, body: ["detail": .string(message)]) }
    static func notFound() -> SimError { .detail(404, "Not found.") }
    static func field(_ name: String, _ message: String) -> SimError {
        SimError(status: 400, body: .object(JSONObject([(name, .array([.string(message)]))])))
    }
}
