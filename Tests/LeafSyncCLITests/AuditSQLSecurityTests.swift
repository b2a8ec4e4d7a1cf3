import Foundation
import LeafSyncTestSupport
import Testing

/// `leafsync audit sql` runs the operator's query and nothing else: no write, no attached
/// database, no extension, no schema trick, no second statement. Each is refused with a
/// message and exit status 1, and the projection database's bytes stay as they were.
@Suite("leafsync audit sql cannot write, attach or load extensions")
struct AuditSQLSecurityTests {
    /// A tenant fetched from the demo simulators and projected.
    static func projectedTenant() async throws -> TemporaryDirectory {
        let tenant = try await OperatorCommandTests.fetchedTenant()
        let project = try await OperatorCommandTests.run(["project", "--dir", tenant.path])
        #expect(project.status == 0, "\(project.stderr)")
        return tenant
    }

    /// The database file and its write-ahead log, byte for byte.
    static func bytes(_ tenant: TemporaryDirectory) -> [Data?] {
        ["", "-wal", "-journal"].map { FileManager.default.contents(atPath: tenant.sub("projections.sqlite") + $0) }
    }

    @Test(
        "INSERT, UPDATE, DELETE, ATTACH, DETACH, load_extension, PRAGMA writable_schema, VACUUM INTO and two statements in one are refused with a clear error; the database is unchanged"
    )
    func refusals() async throws {
        let tenant = try await Self.projectedTenant()
        // A plain query answers; the read-only open leaves an empty -wal beside the file, so the
        // bytes to keep are taken after it.
        let count = try await OperatorCommandTests.run(["audit", "sql", "SELECT count(*) AS n FROM sales_orders", "--dir", tenant.path])
        #expect(count.status == 0, "\(count.stderr)")
        let before = Self.bytes(tenant)
        #expect(before[0].map { $0.count > 0 } == true)
        let elsewhere = TemporaryDirectory("audit-sql-attach")
        let attached = elsewhere.sub("x.db"), existing = elsewhere.sub("other.db")
        #expect(FileManager.default.createFile(atPath: existing, contents: nil))
        let queries = [
            "INSERT INTO sales_orders (leaflink_order_number) VALUES ('forged')",
            "UPDATE sales_orders SET sync_state = 'synced'",
            "DELETE FROM commands",
            "ATTACH DATABASE '\(attached)' AS x",
            "ATTACH DATABASE '\(existing)' AS o",  // SQLite counts ATTACH as read-only: before the fix this ran
            "DETACH DATABASE main",
            "SELECT load_extension('x')",
            "PRAGMA writable_schema=1",  // read-only to SQLite too: before the fix accepted
            "PRAGMA query_only=0",
            "VACUUM INTO '\(attached)'",
            "SELECT 1; DELETE FROM commands",
            "SELECT 1; ATTACH DATABASE '\(attached)' AS x",
            "/* a comment */ ATTACH DATABASE '\(existing)' AS o",
            "  -- a comment\n  attach database '\(existing)' as o",
        ]
        for query in queries {
            let answer = try await OperatorCommandTests.run(["audit", "sql", query, "--dir", tenant.path])
            #expect(answer.status == 1 || answer.status == 64, "\(query): status \(answer.status), \(answer.stdout)")
            #expect(
                answer.stderr.contains("read-only") || answer.stderr.contains("bad query") || answer.stderr.contains("not authorized"),
                "\(query): \(answer.stderr)")
            #expect(Self.bytes(tenant) == before, "\(query) changed the database")
        }
        #expect(!FileManager.default.fileExists(atPath: attached), "a refused query made \(attached)")
        let again = try await OperatorCommandTests.run(["audit", "sql", "SELECT count(*) AS n FROM sales_orders", "--dir", tenant.path])
        #expect(again.stdout == count.stdout, "the refused queries changed what a query reads")
    }
}
