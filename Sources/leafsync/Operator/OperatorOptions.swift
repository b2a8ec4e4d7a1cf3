import ArgumentParser
import LeafSyncJSON
import LeafSyncProjections
import LeafSyncService

/// What every operator command takes: the tenant directory and `--json`.
struct OperatorOptions: ParsableArguments {
    @OptionGroup var tenant: TenantOption

    @Flag(help: "Print JSON (an array of objects for a list, an object for an action) instead of a table.")
    var json = false

    /// Opens the tenant's log for the desk (holding its writer lock), runs `body`, closes the log.
    /// While the service runs it holds the lock, and this fails saying so.
    func withDesk<T>(_ body: (OperatorDesk) async throws -> T) async throws -> T {
        let log = try OperatorLog(directory: tenant.tenant.logPath)
        if let recovery = log.recovery { printError("note: \(recovery)") }
        do {
            let result = try await body(log.desk)
            await log.close()
            return result
        } catch {
            await log.close()
            throw error
        }
    }

    /// Prints query rows as a table, or as a JSON array with `--json`.
    func show<Row: OperatorRow>(_ rows: [Row]) {
        print(json ? JSONWriter.compact(.array(rows.map(\.json))) : TableOutput(columns: Row.columns, rows: rows.map(\.cells)).renderText())
    }

    /// Prints what an action recorded; exits non-zero when the engine refused the request.
    func show(_ recorded: Recorded) throws {
        print(json ? JSONWriter.compact(recorded.json) : recorded.text)
        if recorded.refusal != nil { throw ExitCode(2) }
    }

    /// Runs a query and prints its rows.
    func query<Row: OperatorRow>(_ body: (OperatorDesk) async throws -> [Row]) async throws {
        show(try await withDesk(body))
    }

    /// Runs an action and prints what it recorded.
    func act(_ body: (OperatorDesk) async throws -> Recorded) async throws {
        try show(try await withDesk(body))
    }
}
