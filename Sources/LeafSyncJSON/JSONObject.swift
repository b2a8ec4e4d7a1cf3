// A JSON object *is* an `OrderedDictionary`: its whole API (subscripts, iteration, `keys`,
// merging) is the object's API, so every module that uses JSON objects sees it through this
// one module rather than importing swift-collections itself.
@_exported public import OrderedCollections

/// The members of a JSON object, in order.
public typealias JSONObject = OrderedDictionary<String, JSONValue>

extension OrderedDictionary where Key == String, Value == JSONValue {
    /// Members in order; a repeated name keeps its first place and its last value (as a parser
    /// reading them one by one would).
    public init(_ pairs: [(String, JSONValue)]) {
        self.init(minimumCapacity: pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// Adds every member of `defaults` this object lacks, recursively for nested objects.
    public func filling(from defaults: JSONObject) -> JSONObject {
        var out = self
        for (key, value) in defaults {
            if let mine = out[key] {
                if case .object(let a) = mine, case .object(let b) = value { out[key] = .object(a.filling(from: b)) }
            } else {
                out[key] = value
            }
        }
        return out
    }
}
