import Foundation

/// URL text helpers the API clients share: origins (to refuse sending a key to another host),
/// query escaping and the path shown in errors.
package enum URLText {
    /// `https://host:port` of a URL.
    package static func origin(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let host = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" }
        return String(url[..<schemeEnd.upperBound]) + host
    }

    /// Percent-encodes a query component, leaving unreserved characters and `extra` as they are.
    package static func escape(_ s: String, keeping extra: Set<UInt8> = [UInt8(ascii: ",")]) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            case _ where extra.contains(b):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out += "%\(hex[Int(b >> 4)])\(hex[Int(b & 0xF)])"
            }
        }
        return out
    }

    /// The URL without scheme and host, as shown in errors and logs.
    package static func display(_ url: String) -> String {
        let o = origin(url)
        return url.hasPrefix(o) ? String(url.dropFirst(o.count)) : url
    }
}
