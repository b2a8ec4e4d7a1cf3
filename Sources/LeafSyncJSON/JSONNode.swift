public import Foundation
import OrderedCollections

/// One value of a ``JSONDocument``: cheap to copy, read through ``JSONReadable``.
public struct JSONNode: JSONReadable, Sendable {
    let document: JSONDocument
    let index: Int

    private var node: JSONDocument.Node { document.nodes[index] }

    public var kind: JSONKind { node.kind }

    /// The value's R-ENG-01 fingerprint: equal to ``JSONValue/fingerprint`` of the same value,
    /// so it ignores the order of object members.
    public var fingerprint: UInt64 { node.hash }

    /// Where the value stands in the source: from its first byte to just past its last
    /// (a string's quotes included).
    public var sourceRange: Range<Int> { document.range(at: index) }

    /// The member `key` of an object; `nil` when absent, when `null`, or when this is not an
    /// object. With duplicated names the last one wins, as in a dictionary built in order.
    public func member(_ key: String) -> JSONNode? {
        let object = node
        guard object.kind == .object else { return nil }
        let hash = StableHash.fnv1a64(key.utf8)
        let nodes = document.nodes
        var found: Int?
        var name = index + 1
        for _ in 0..<object.count {
            if nodes[name].hash == hash, document.name(at: name, equals: key) {
                found = name + 1
                if !object.duplicateNames { break }
            }
            name = Int(nodes[name + 1].skip)
        }
        guard let found, nodes[found].kind != .null else { return nil }
        return JSONNode(document: document, index: found)
    }

    public subscript(key: String) -> JSONNode? { member(key) }

    public var array: [JSONNode]? {
        let list = node
        guard list.kind == .array else { return nil }
        var items: [JSONNode] = []
        items.reserveCapacity(Int(list.count))
        var element = index + 1
        for _ in 0..<list.count {
            items.append(JSONNode(document: document, index: element))
            element = Int(document.nodes[element].skip)
        }
        return items
    }

    /// Members in document order (a duplicated name appears twice).
    public var members: [(name: String, value: JSONNode)]? {
        let object = node
        guard object.kind == .object else { return nil }
        var out: [(name: String, value: JSONNode)] = []
        out.reserveCapacity(Int(object.count))
        var name = index + 1
        for _ in 0..<object.count {
            out.append((document.text(at: name), JSONNode(document: document, index: name + 1)))
            name = Int(document.nodes[name + 1].skip)
        }
        return out
    }

    public var memberNames: [String]? { members?.map(\.name) }

    public var string: String? {
        switch node.kind {
        case .string, .number: return document.text(at: index)
        default: return nil
        }
    }

    public var booleanValue: Bool? {
        let n = node
        guard n.kind == .bool else { return nil }
        return n.count == 1
    }

    /// Parses the digits straight from the source bytes for plain amounts (`-12.50`, `24.0000`);
    /// anything longer or with an exponent goes through ``DecimalText``.
    public var decimal: Decimal? {
        let n = node
        switch n.kind {
        case .number, .string:
            if !n.escaped,
                let fast = document.withBytes({ buffer in
                    DecimalText.parsePlain(UnsafeBufferPointer(rebasing: buffer[n.textStart..<n.textEnd]))
                })
            {
                return fast
            }
            guard let text = string else { return nil }
            return DecimalText.parse(text)
        case .object: return self["amount"]?.decimal
        default: return nil
        }
    }

    public var plainDecimal: PlainDecimal? {
        let n = node
        switch n.kind {
        case .number, .string:
            guard !n.escaped else { return nil }
            return document.withBytes { DecimalText.plainParts(UnsafeBufferPointer(rebasing: $0[n.textStart..<n.textEnd])) }
        case .object: return self["amount"]?.plainDecimal
        default: return nil
        }
    }

    /// The value as a ``JSONValue`` (for the few places that keep or rewrite a whole value).
    /// Members keep their order; a duplicated name keeps its first place and its last value.
    public var value: JSONValue {
        switch node.kind {
        case .null: return .null
        case .bool: return .bool(node.count == 1)
        case .number: return .number(document.text(at: index))
        case .string: return .string(document.text(at: index))
        case .array: return .array(array!.map(\.value))
        case .object:
            var members = JSONObject(minimumCapacity: Int(node.count))
            for (name, value) in self.members! { members[name] = value.value }
            return .object(members)
        }
    }
}
