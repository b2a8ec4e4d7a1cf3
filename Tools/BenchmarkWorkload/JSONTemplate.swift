public import Foundation
import LeafSyncJSON

/// A JSON record with holes: parsed once from a sample file, with the fields that vary replaced
/// by placeholders, then filled thousands of times by plain byte concatenation (fast enough to
/// generate a million realistic payloads in seconds).
public struct JSONTemplate: Sendable {
    /// What goes into a hole.
    public enum Value: Sendable {
        case string(String)
        case number(String)
        /// JSON text inserted as is (an array or object built by the caller).
        case raw(String)
        case null

        /// Appends the value's JSON text (strings escaped by LeafSyncJSON's writer).
        func write(into output: inout [UInt8]) {
            switch self {
            case let .string(text): JSONWriter.writeString(text, into: &output)
            case let .number(text), let .raw(text): output.append(contentsOf: text.utf8)
            case .null: output.append(contentsOf: "null".utf8)
            }
        }
    }

    /// Literal byte runs between holes; `fragments.count == holes.count + 1`.
    private let fragments: [[UInt8]]
    /// Hole names in order of appearance.
    public let holes: [String]

    /// - Parameters:
    ///   - data: the sample record (a JSON object).
    ///   - holes: key paths (`"customer.id"`, `"items.0.quantity"`) to turn into holes, named by their path.
    public init(sample data: Data, holes paths: [String]) throws {
        var object = try JSONParser.parse(Array(data))
        guard object.isObject else { throw TemplateError("sample is not a JSON object") }
        for path in paths {
            object = try Self.replacing(path.split(separator: ".").map(String.init)[...], in: object, with: .string("@@hole:\(path)@@"))
        }
        // Canonical form: members sorted, no spaces, numbers exactly as in the sample.
        let text = JSONWriter.canonical(object)
        var fragments: [[UInt8]] = []
        var holes: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\"@@hole:") {
            fragments.append(Array(rest[..<start.lowerBound].utf8))
            let afterStart = rest[start.upperBound...]
            guard let end = afterStart.range(of: "@@\"") else { throw TemplateError("unterminated hole") }
            holes.append(String(afterStart[..<end.lowerBound]))
            rest = afterStart[end.upperBound...]
        }
        fragments.append(Array(rest.utf8))
        self.fragments = fragments
        self.holes = holes
        for path in paths where !holes.contains(path) { throw TemplateError("no field at \(path)") }
    }

    /// Fills the holes (by name) and returns the JSON bytes.
    public func render(_ values: [String: Value]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(fragments.reduce(0) { $0 + $1.count } + 32 * holes.count)
        for (index, hole) in holes.enumerated() {
            output.append(contentsOf: fragments[index])
            (values[hole] ?? .null).write(into: &output)
        }
        output.append(contentsOf: fragments[fragments.count - 1])
        return output
    }

    private static func replacing(_ path: ArraySlice<String>, in value: JSONValue, with placeholder: JSONValue) throws -> JSONValue {
        guard let key = path.first else { return placeholder }
        switch value {
        case .object(var members):
            guard let child = members[key] else { throw TemplateError("no field \(key)") }
            members[key] = try replacing(path.dropFirst(), in: child, with: placeholder)
            return .object(members)
        case .array(var items):
            guard let index = Int(key), items.indices.contains(index) else { throw TemplateError("cannot follow \(key)") }
            items[index] = try replacing(path.dropFirst(), in: items[index], with: placeholder)
            return .array(items)
        default:
            throw TemplateError("cannot follow \(key)")
        }
    }
}

public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
