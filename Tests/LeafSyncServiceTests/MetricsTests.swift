import Foundation
import LeafLinkAPI
import LeafSyncDispatch
import LeafSyncDomain
import LeafSyncIngest
import LeafSyncLog
import LeafSyncService
import LeafSyncTestSupport
import NIOHTTP1
import Testing

/// `/metrics`: the Prometheus registry swift-metrics feeds, over real loopback HTTP.
@Suite("Service metrics in Prometheus text") struct MetricsTests {
    @Test("ServiceMetrics.shared bootstraps swift-metrics once: using it again neither traps nor makes a second registry")
    func bootstrapsOnce() {
        let first = ServiceMetrics.shared
        let second = ServiceMetrics.shared
        #expect(first === second)
        #expect(first.isProcessBackend)
    }

    @Test("a fetch pass against the simulator and a webhook show as events appended, HTTP calls by status, fetch lag and webhooks")
    func activityShowsInMetrics() async throws {
        let metrics = ServiceMetrics.shared
        let before = metrics.exposition()
        let key = "whk-metrics"
        try await withSimulator(seed: tinySeed()) { sim in
            let store = MemoryEventStore()
            let fetcher = LeafLinkFetcher(client: client(for: sim), store: store)
            try await fetcher.fetchCycle()
            let endpoints = ServiceEndpoints(
                leafLinkWebhook: ServiceEndpoints.webhook(into: fetcher, secret: key) {}, isReady: { ReadinessReport(ready: true) })
            try await withServiceHTTP(endpoints) { base in
                let body = Array(#"{"type":"product","action":"edit","data":{"id":2093}}"#.utf8)
                _ = try await rawRequest(base + "/webhooks/leaflink", method: .POST, headers: [("LL-Signature", "bad")], body: body)
                let scrape = try await rawRequest(base + "/metrics")
                #expect(scrape.status == 200)
                let text = String(decoding: scrape.body, as: UTF8.self)
                let staff = [#"source="leaflink""#, #"type="leaflink.staff.observed""#]
                #expect((sample(text, "leafsync_events_appended_total", staff) ?? 0) >= (sample(before, "leafsync_events_appended_total", staff) ?? 0) + 1)
                let ok = [#"remote="leaflink""#, #"status="200""#]
                #expect((sample(text, "leafsync_http_calls_total", ok) ?? 0) >= (sample(before, "leafsync_http_calls_total", ok) ?? 0) + 6)
                let lag = try #require(sample(text, "leafsync_fetch_lag_seconds", [#"remote="leaflink""#, #"resource="orders-received""#]))
                #expect(lag >= 0 && lag < 60)
                let refused = [#"remote="leaflink""#, #"status="401""#]
                #expect((sample(text, "leafsync_webhooks_total", refused) ?? 0) >= (sample(before, "leafsync_webhooks_total", refused) ?? 0) + 1)
                #expect(text.contains("# TYPE leafsync_events_appended_total counter"))
            }
        }
    }

    @Test("update(from:) sets the pending, retrying and failed command gauges and the open sync errors")
    func gaugesFromState() {
        var state = SyncState()
        state.commands.abandoned = ["cmd-a", "cmd-b"]
        ServiceMetrics.shared.update(from: state)
        let text = ServiceMetrics.shared.exposition()
        for name in ["leafsync_commands_pending", "leafsync_commands_retrying", "leafsync_sync_errors_open"] {
            #expect(sample(text, name) != nil, "\(name) missing")
        }
        #expect(sample(text, "leafsync_commands_failed") == 2)
    }

    @Test("a dispatcher run shows its latency histogram by action and outcome, its appended events and the pending gauge")
    func dispatchShowsInMetrics() async throws {
        let metrics = ServiceMetrics.shared
        let before = metrics.exposition()
        try await withSimulator(seed: tinySeed()) { sim in
            let directory = TemporaryDirectory("metrics")
            let writer = try EventLogWriter(directory: directory.sub("log"))
            let leafLink = client(for: sim)
            let store = EventLogStore(writer: writer, directory: URL(fileURLWithPath: directory.sub("log")))
            // Distru is not configured here: its poll is skipped and stays pending.
            let executor = CommandExecutor(leafLink: leafLink, fetches: FetchRouter(leafLink: LeafLinkFetcher(client: leafLink, store: store)))
            let dispatcher = try Dispatcher(writer: writer, directory: directory.sub("log"), executor: executor, time: EngineClock(ContinuousClock()))
            try await dispatcher.tick()
            let report = try await dispatcher.runOnce()
            await writer.close()
            #expect(report.succeeded.count == 2 && report.skipped.count == 1)
            let text = metrics.exposition()
            let count = "leafsync_dispatch_duration_seconds_count"
            for outcome in ["succeeded", "skipped"] {
                let labels = [#"action="poll""#, #"outcome="\#(outcome)""#]
                #expect((sample(text, count, labels) ?? 0) >= (sample(before, count, labels) ?? 0) + 1, "\(outcome)")
            }
            #expect(text.contains("# TYPE leafsync_dispatch_duration_seconds histogram"))
            let ticks = [#"source="engine""#, #"type="engine.tick""#]
            #expect((sample(text, "leafsync_events_appended_total", ticks) ?? 0) >= (sample(before, "leafsync_events_appended_total", ticks) ?? 0) + 1)
            #expect((sample(text, "leafsync_commands_pending") ?? 0) >= 1)
        }
    }
}
