import Foundation

/// Writes `line` to standard output at once (no C buffering), so a supervisor or a test reading
/// `leafsync run`'s output through a pipe sees each line as it is printed.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
