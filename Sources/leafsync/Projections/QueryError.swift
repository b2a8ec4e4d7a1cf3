/// What is wrong with what an operator asked `leafsync audit` or `leafsync replay` for, each
/// case saying what to give instead. (The projection library's own failures are
/// `ProjectionError`s.)
enum QueryError: Error, CustomStringConvertible, Equatable {
    case notReadOnly(sql: String)
    case notAQuery(sql: String)
    case unknownSubject(String)
    case badTime(String)

    var description: String {
        switch self {
        case let .notReadOnly(sql):
            return "refused: audit sql runs read-only queries (SELECT, WITH …, EXPLAIN), and this one writes: \(sql)"
        case let .notAQuery(sql):
            return
                "refused: audit sql runs read-only queries that begin with SELECT, WITH, VALUES or EXPLAIN (no ATTACH, DETACH, PRAGMA or VACUUM): \(sql)"
        case let .unknownSubject(subject):
            return
                "no events for \(subject): give an LL order number or short id, an SO number, or a subject such as ll-order:<number>, ll-product:<id>, distru-product:<uuid>"
        case let .badTime(text):
            return "cannot read '\(text)' as a sequence number or a time (use 1234, 2026-11-24, or 2026-11-24T15:00:00Z)"
        }
    }
}
