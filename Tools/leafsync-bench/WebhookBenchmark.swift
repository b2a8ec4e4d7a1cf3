import ArgumentParser
import AsyncHTTPClient
import DistruAPI
import DistruSimulator
import Foundation
import HTTPClientSupport
import LeafLinkAPI
import LeafLinkSimulator
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncJSON
import LeafSyncLog
import LeafSyncMail
import LeafSyncService
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SimulatorSupport

struct WebhookBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Webhook → Distru SO latency: LeafLink orders placed one by one, each timed until its SO exists in Distru.",
        discussion: """
            Starts the LeafLink and Distru simulators and the service (engine and HTTP server) on \
            loopback, in this one process, with the demo seed and its operator steps; points the \
            LeafLink simulator's order webhooks at the service; then places --orders orders as a buyer \
            and times each from the order's placement to its sales order answering in Distru's API. \
            The baseline is the poll interval the order would otherwise wait for (the anchor's \
            10-minute cycle; on average half of it). Run it in release mode:
              swift run -c release leafsync-bench webhook
            """
    )

    @Option(help: "How many orders.")
    var orders = 100

    @Option(help: "How often the benchmark asks Distru's API whether the SO exists yet, in milliseconds (it shares the process's cores with the engine).")
    var checkEveryMs = 1

    @Option(help: "The poll interval in seconds (the baseline), as the tenant's settings have it.")
    var pollSeconds = 600

    func run() async throws {
        let say = { (s: String) in FileHandle.standardError.write(Data((s + "\n").utf8)) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let leafLinkSim = try await LeafLinkSimulator(seed: SimSeed(directory: root.appendingPathComponent("data/demo/leaflink"))).start()
        let distruSim = try await DistruSimulator(seed: DistruSeed(directory: root.appendingPathComponent("data/demo/distru"))).start()
        let tenant = FileManager.default.temporaryDirectory.appendingPathComponent("leafsync-webhook-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: tenant) }

        // Stock for every order, in Distru before the first tick fetches its inventory.
        try await simControl(
            distruSim.rootURL, "POST", "/_sim/inventory",
            ["product_id": "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04", "location_id": "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "active": "1000000"])
        var leafLinkConfiguration = LeafLinkConfiguration(baseURL: leafLinkSim.baseURL, apiKey: LeafLinkSimulator.defaultAPIKey)
        leafLinkConfiguration.requestsPerMinute = nil
        let webhookKey = "bench-webhook-key"
        var options = Dispatcher.Options()
        options.tickEvery = .seconds(Int64(pollSeconds))
        let engine = try Engine(
            Engine.Parts(
                directory: tenant, leafLink: LeafLinkClient(configuration: leafLinkConfiguration),
                distru: DistruClient(configuration: DistruConfiguration(baseURL: distruSim.baseURL, apiKey: DistruSimulator.defaultAPIKey)),
                leafLinkWebhookKey: webhookKey,
                mailer: ErrorMailer(delivery: OutboxDelivery(directory: URL(fileURLWithPath: tenant + "/outbox"))), options: options))
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = engine.application(
            host: "127.0.0.1", port: 0,
            onRunning: { port in
                portContinuation.yield(port)
                portContinuation.finish()
            })
        var quiet = Logger(label: "bench")
        quiet.logLevel = .critical
        let group = ServiceGroup(
            configuration: .init(services: engine.services.map { .init(service: $0) } + [.init(service: app)], logger: quiet))
        let running = Task { try await group.run() }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next() else { throw ValidationError("the service did not start") }
        try await simControl(leafLinkSim.rootURL, "PUT", "/_sim/webhook", ["url": .string("http://127.0.0.1:\(port)/webhooks/leaflink"), "key": .string(webhookKey)])
        // The operator's steps; the first tick has fetched everything.
        _ = try await engine.writer.append(try DemoScenario.steps.map { try EventFactory.operatorAction($0) })
        await engine.dispatcher.wake()
        let distru = DistruClient(configuration: DistruConfiguration(baseURL: distruSim.baseURL, apiKey: DistruSimulator.defaultAPIKey))
        // Warm up: the demo order's SO exists once the service has caught up.
        try await waitFor(DeterministicID.salesOrder(forLeafLinkOrder: DemoScenario.order), in: distru, seconds: 60)

        say("placing \(orders) orders, one at a time …")
        var latencies: [Double] = []
        for _ in 0..<orders {
            let clock = ContinuousClock()
            let start = clock.now
            let placed = try await simControl(
                leafLinkSim.rootURL, "POST", "/_sim/buyer/orders",
                ["customer": 148515, "lines": [["product": 2093, "quantity": 12]], "sales_reps": [501]])
            guard let number = placed["orders"]?.arrayValue?.first?.stringValue else { throw ValidationError("the simulator placed no order") }
            try await waitFor(DeterministicID.salesOrder(forLeafLinkOrder: number), in: distru, seconds: 30, every: .milliseconds(checkEveryMs))
            let elapsed = start.duration(to: clock.now)
            latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        await engine.close()

        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] }
        let baseline = Double(pollSeconds) * 1000
        print("leafsync-bench webhook: \(orders) LeafLink orders → Distru SOs, over loopback")
        print("                               ms")
        print(String(format: "webhook → SO, median   %10.1f", percentile(0.5)))
        print(String(format: "webhook → SO, p99      %10.1f", percentile(0.99)))
        print(String(format: "webhook → SO, max      %10.1f", sorted.last ?? 0))
        print(String(format: "poll interval (baseline) %8.0f   (an order waits half of it on average: %.0f)", baseline, baseline / 2))
        print(String(format: "p99 / poll interval    %10.5f", percentile(0.99) / baseline))
    }

    /// Polls Distru's API for the SO every `every` (a millisecond by default) until it answers (bounded).
    func waitFor(_ id: String, in distru: DistruClient, seconds: Double, every: Duration = .milliseconds(1)) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if (try? await distru.order(id: id)) != nil { return }
            try await Task.sleep(for: every)
        }
        throw ValidationError("SO \(id) did not appear within \(seconds) s")
    }

    @discardableResult
    func simControl(_ root: String, _ method: String, _ path: String, _ body: JSONValue) async throws -> JSONValue {
        var request = HTTPClientRequest(url: root + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = Array(try await response.body.collect(upTo: 1 << 24).readableBytesView)
        guard response.status == .ok else {
            throw ValidationError("\(method) \(path) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return try JSONParser.parse(data)
    }
}
