import Foundation

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

        var json: String {
            switch self {
            case let .string(text):
                let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return "\"" + escaped + "\""
            case let .number(text), let .raw(text): return text
            case .null: return "null"
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
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TemplateError("sample is not a JSON object")
        }
        for path in paths {
            object = try Self.replacing(path.split(separator: ".").map(String.init), in: object, with: "@@hole:\(path)@@") as! [String: Any]
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
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
            output.append(contentsOf: (values[hole] ?? .null).json.utf8)
        }
        output.append(contentsOf: fragments[fragments.count - 1])
        return output
    }

    private static func replacing(_ path: [String], in value: Any, with placeholder: String) throws -> Any {
        guard let key = path.first else { return placeholder }
        let rest = Array(path.dropFirst())
        if var dictionary = value as? [String: Any] {
            guard let child = dictionary[key] else { throw TemplateError("no field \(key)") }
            dictionary[key] = try replacing(rest, in: child, with: placeholder)
            return dictionary
        }
        if var array = value as? [Any], let index = Int(key), array.indices.contains(index) {
            array[index] = try replacing(rest, in: array[index], with: placeholder)
            return array
        }
        throw TemplateError("cannot follow \(key)")
    }
}

public struct TemplateError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
