/// The kind of a JSON value.
public enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object
}
