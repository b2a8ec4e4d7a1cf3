/// Compares secrets without telling, by its timing, how much of a guess was right: every byte of
/// `expected` is compared whatever the first difference (the admin token at sign-in and on the
/// admin API, the console's CSRF tokens).
///
/// ```swift
/// ConstantTime.equals(Array(given.utf8), Array(token.utf8))   // false for a prefix of the token too
/// ```
enum ConstantTime {
    static func equals(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: given.count ^ expected.count)
        for index in expected.indices { difference |= expected[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0 && given.count == expected.count
    }

    static func equals(_ given: String, _ expected: String) -> Bool { equals(Array(given.utf8), Array(expected.utf8)) }
}
