import ArgumentParser
import LeafSyncJSON
import LeafSyncLog
import LeafSyncProjections
import LeafSyncService

/// What every operator command takes (the tenant directory and `--json`), and how it runs: on the
/// tenant's log directly, or, while the service holds the log, through its admin API.
struct OperatorOptions: ParsableArguments {
    @OptionGroup var tenant: TenantOption

    @Flag(help: "Print JSON (an array of objects for a list, an object for an action) instead of a table.")
    var json = false

    /// Runs `local` on the desk over the tenant's log (holding its writer lock). When the log is
    /// locked by a running service and the environment names its admin API (``AdminClient``),
    /// sends `call` there instead and hands the answer to `remote`.
    func run<T>(_ call: AdminCall, local: (OperatorDesk) async throws -> T, remote: (JSONValue) throws -> T) async throws -> T {
        let log: OperatorLog
        do {
            log = try OperatorLog(directory: tenant.tenant.logPath)
        } catch let error as EventLogError {
            guard case .locked = error else { throw error }
            guard let client = AdminClient.find(directory: tenant.directory) else {
                throw AdminClientError(
                    message:
                        "\(error)\nWhile the service runs, operator commands go through its admin API: set LEAFSYNC_ADMIN_TOKEN (the service writes its address to DIR/service.json; LEAFSYNC_ADMIN_URL overrides it)."
                )
            }
            return try remote(try await client.send(call))
        }
        if let recovery = log.recovery { printError("note: \(recovery)") }
        do {
            let result = try await local(log.desk)
            await log.close()
            return result
        } catch {
            await log.close()
            throw error
        }
    }

    /// Runs a query and prints its rows: a table, or a JSON array with `--json`.
    func query<Row: OperatorRow>(_ call: AdminCall, _ body: (OperatorDesk) async throws -> [Row]) async throws {
        let text = try await run(
            call, local: { desk in Self.render(try await body(desk), json: json) },
            remote: { answer in json ? JSONWriter.compact(answer) : Self.table(answer) })
        print(text)
    }

    static func render<Row: OperatorRow>(_ rows: [Row], json: Bool) -> String {
        json ? JSONWriter.compact(.array(rows.map(\.json))) : TableOutput(columns: Row.columns, rows: rows.map(\.cells)).renderText()
    }

    /// An admin API answer (an array of objects) as a table: one column per member, nested
    /// objects shown by name and id.
    static func table(_ answer: JSONValue) -> String {
        let objects = answer.array?.compactMap(\.object) ?? []
        let columns = objects.first.map { Array($0.keys) } ?? []
        func cell(_ value: JSONValue?) -> String? {
            switch value {
            case nil, .null?: nil
            case .string(let s)?: s
            case .number(let n)?: n
            case .bool(let b)?: String(b)
            case .object(let o)?: o["name"]?.stringValue.map { "\($0) \(o["id"]?.stringValue ?? "")" } ?? JSONWriter.compact(.object(o))
            case .array(let a)?: a.compactMap { cell($0) }.joined(separator: "; ")
            }
        }
        return TableOutput(columns: columns.map { $0.uppercased() }, rows: objects.map { o in columns.map { cell(o[$0]) } }).renderText()
    }

    /// Runs an action and prints what it recorded; exits 2 when the engine refused the request.
    func act(_ call: AdminCall, _ body: (OperatorDesk) async throws -> Recorded) async throws {
        let recorded = try await run(call, local: body, remote: Recorded.init(json:))
        print(json ? JSONWriter.compact(recorded.json) : recorded.text)
        if recorded.refusal != nil { throw ExitCode(2) }
    }
}

extension Recorded {
    /// A recorded action as the admin API answers it.
    init(json: JSONValue) throws {
        guard let first = json["first"]?.intValue, let last = json["last"]?.intValue, first <= last, let summary = json["summary"]?.stringValue else {
            throw AdminClientError(message: "the admin API's answer is not a recorded action: \(JSONWriter.compact(json))")
        }
        self.init(sequences: UInt64(first)...UInt64(last), summary: summary, refusal: json["refusal"]?.stringValue)
    }
}
