import Foundation

/// Standard output one line at a time, also into a pipe (where the C library would buffer it
/// in blocks): a supervisor or a test reading `leafsync run`'s lines sees each as it is printed.
enum LineBufferedOutput {
    static func enable() {
        #if canImport(Glibc)
        nonisolated(unsafe) let out = Glibc.stdout
        #else
        nonisolated(unsafe) let out = Darwin.stdout
        #endif
        setvbuf(out, nil, _IOLBF, 0)
    }
}
