import SystemPackage

/// Prints to standard error.
func printError(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.write(string, to: 2)
    }
}

enum FileHandleWriter {
    /// Writes all of `string` to `descriptor` (standard output or error); a closed pipe drops the rest.
    static func write(_ string: String, to descriptor: Int32) {
        var text = string
        text.withUTF8 { bytes in _ = try? FileDescriptor(rawValue: descriptor).writeAll(bytes) }
    }
}
