// swift-tools-version:6.1
//
// LeafSync: an event-sourced sync engine between LeafLink and Distru.
// The target layout mirrors the architecture (see docs/architecture.md):
//   Sources/LeafSyncLog      the append-only, LZ4-compressed, checksummed event log
//   Sources/LeafSyncDomain   event catalog, commands and the pure reducer
//   Sources/LeafLinkAPI      LeafLink API v2 client          Sources/DistruAPI   Distru API v1 client
//   Sources/MetrcAPI         Metrc API v2 client (transfers and templates)
//   Sources/LeafSyncIngest   fetch loops that turn remote records into log events
//   Sources/LeafSyncMail     sync-error e-mail delivery: an outbox of .eml files, or an SMTP relay
//   Sources/leafsync         the command-line tool
//   Tools/                   benchmarks, simulators and test helpers
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let sqlite = Target.Dependency.product(name: "GRDBSQLite", package: "GRDB.swift")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let orderedCollections = Target.Dependency.product(name: "OrderedCollections", package: "swift-collections")
let systemPackage = Target.Dependency.product(name: "SystemPackage", package: "swift-system")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioTLS = Target.Dependency.product(name: "NIOTLS", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let configuration = Target.Dependency.product(name: "Configuration", package: "swift-configuration")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")

/// The upcoming language features Hummingbird builds with: `any` spelled out for existentials,
/// members visible only through modules a file imports itself, and imports internal unless a
/// file says `public import`. A target opts in with `swiftSettings: upcoming`.
let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "LeafSync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "leafsync", targets: ["leafsync"]),
        .executable(name: "leafsync-bench", targets: ["leafsync-bench"]),
        .executable(name: "leafsync-sim", targets: ["leafsync-sim"]),
        .library(name: "LeafSyncLog", targets: ["LeafSyncLog"]),
        .library(name: "LeafSyncDomain", targets: ["LeafSyncDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Named directly for LeafSyncMail's SMTP client (both already came in through async-http-client).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The service: its configuration (a YAML file and environment overrides) and its metrics.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["JSON", "YAML"]),
        // Named directly (it came in through swift-configuration's YAML trait) to list the keys of
        // leafsync.yaml, which swift-configuration only looks up: an unknown key is an error at start.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The operator console's server-rendered pages (escaping by the template engine).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Documentation only: `swift package generate-documentation --target LeafSyncLog` (see docs/architecture.md).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: System and C support
        .systemLibrary(
            name: "CLZ4",
            path: "Sources/CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"])]
        ),
        .target(name: "CCRC32C", path: "Sources/CCRC32C"),

        // MARK: JSON: the one parser, value type and writer, and the ISO-8601 and decimal scalars
        // (depends on nothing of ours; the log hands it payloads without copying them)
        // Cross-module optimization: the domain decoder calls the tape accessors per field; without
        // it each is an opaque call and decoding measured ~45% slower (docs/performance.md, #11).
        .target(
            name: "LeafSyncJSON", dependencies: [orderedCollections],
            swiftSettings: upcoming + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
        ),

        // MARK: The event log (no dependency on the domain)
        .target(name: "LeafSyncLog", dependencies: ["CLZ4", "CCRC32C", "LeafSyncJSON", systemPackage], swiftSettings: upcoming),

        // MARK: Domain: events, commands, reducer (pure)
        .target(name: "LeafSyncDomain", dependencies: ["LeafSyncLog", "LeafSyncJSON"], swiftSettings: upcoming),

        // MARK: Projections (SQLite read models rebuilt from the log)
        .target(name: "LeafSyncProjections", dependencies: ["LeafSyncLog", "LeafSyncDomain", grdb, sqlite], swiftSettings: upcoming),

        // MARK: API clients and ingestion
        .target(name: "HTTPClientSupport", dependencies: ["LeafSyncJSON", asyncHTTPClient, crypto, logging, metrics], swiftSettings: upcoming),
        .target(name: "LeafLinkAPI", dependencies: ["HTTPClientSupport", "LeafSyncJSON", "LeafSyncDomain", asyncHTTPClient, crypto, logging], swiftSettings: upcoming),
        .target(name: "DistruAPI", dependencies: ["HTTPClientSupport", "LeafSyncJSON", asyncHTTPClient, crypto, logging], swiftSettings: upcoming),
        .target(name: "MetrcAPI", dependencies: ["HTTPClientSupport", "LeafSyncJSON", asyncHTTPClient, logging], swiftSettings: upcoming),
        .target(
            name: "LeafSyncIngest", dependencies: ["LeafSyncLog", "LeafSyncJSON", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI", "MetrcAPI", logging, metrics],
            swiftSettings: upcoming),

        // MARK: Sync-error e-mail delivery (no dependency on the domain: the dispatcher converts)
        .target(name: "LeafSyncMail", dependencies: ["LeafSyncLog", systemPackage, nioCore, nioPosix, nioTLS, nioSSL], swiftSettings: upcoming),

        // MARK: Dispatch: commands executed against the remotes, outcomes appended, time driven
        .target(
            name: "LeafSyncDispatch",
            dependencies: [
                "LeafSyncLog", "LeafSyncJSON", "LeafSyncDomain", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI", "MetrcAPI", "LeafSyncIngest",
                "LeafSyncMail", asyncHTTPClient, logging, metrics, serviceLifecycle,
            ],
            swiftSettings: upcoming
        ),

        // MARK: The service: `leafsync run` (configuration, HTTP: webhooks, health, metrics, admin API, console)
        .target(
            name: "LeafSyncService",
            dependencies: [
                "LeafSyncDemo",
                "LeafSyncLog", "LeafSyncJSON", "LeafSyncDomain", "LeafSyncProjections", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI",
                "MetrcAPI", "LeafSyncIngest", "LeafSyncDispatch", "LeafSyncMail", hummingbird, configuration, metrics, prometheus, logging,
                serviceLifecycle, yams, mustache,
            ],
            swiftSettings: upcoming
        ),

        // MARK: Command-line tool
        // The demo scenario (`leafsync demo`, the end-to-end test): HTTP only, no simulator code.
        .target(name: "LeafSyncDemo", dependencies: ["LeafSyncJSON", asyncHTTPClient, nioCore, .product(name: "NIOHTTP1", package: "swift-nio")], swiftSettings: upcoming),
        .executableTarget(
            name: "leafsync",
            dependencies: [
                "LeafSyncJSON", "LeafSyncLog", "LeafSyncDomain", "LeafSyncProjections", "LeafSyncIngest", "LeafSyncDispatch", "LeafSyncMail", "LeafSyncService",
                "LeafSyncDemo", "HTTPClientSupport",
                "LeafLinkAPI", "DistruAPI", "MetrcAPI", grdb, argumentParser, asyncHTTPClient, nioCore,
                serviceLifecycle, .product(name: "UnixSignals", package: "swift-service-lifecycle"), logging, systemPackage,
            ],
            swiftSettings: upcoming
        ),

        // MARK: Tools: benchmarks, simulators, test helpers
        .target(name: "BenchmarkWorkload", dependencies: ["LeafSyncJSON", "LeafSyncLog"], path: "Tools/BenchmarkWorkload", swiftSettings: upcoming),
        .executableTarget(
            name: "leafsync-bench",
            dependencies: [
                "LeafSyncJSON", "LeafSyncLog", "LeafSyncDomain", "LeafSyncProjections", "BenchmarkWorkload", "LeafSyncService", "LeafSyncDispatch",
                "LeafSyncMail", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI", "LeafLinkSimulator", "DistruSimulator", "SimulatorSupport",
                grdb, argumentParser, orderedCollections, logging, serviceLifecycle, asyncHTTPClient, nioCore,
            ],
            path: "Tools/leafsync-bench",
            swiftSettings: upcoming
        ),
        .executableTarget(name: "leafsync-log-child", dependencies: ["LeafSyncLog"], path: "Tools/leafsync-log-child", swiftSettings: upcoming),
        .target(
            name: "SimulatorSupport",
            dependencies: ["HTTPClientSupport", "LeafSyncJSON", hummingbird, asyncHTTPClient, logging],
            path: "Tools/Simulators/SimulatorSupport",
            swiftSettings: upcoming
        ),
        .target(
            name: "LeafLinkSimulator",
            dependencies: ["LeafLinkAPI", "HTTPClientSupport", "LeafSyncJSON", "SimulatorSupport", hummingbird, asyncHTTPClient, crypto, logging],
            path: "Tools/Simulators/LeafLinkSimulator",
            swiftSettings: upcoming
        ),
        .target(
            name: "DistruSimulator",
            dependencies: ["DistruAPI", "HTTPClientSupport", "LeafSyncJSON", "SimulatorSupport", hummingbird, asyncHTTPClient, crypto, logging],
            path: "Tools/Simulators/DistruSimulator",
            swiftSettings: upcoming
        ),
        .target(
            name: "MetrcSimulator",
            dependencies: ["MetrcAPI", "HTTPClientSupport", "LeafSyncJSON", "SimulatorSupport", hummingbird, logging],
            path: "Tools/Simulators/MetrcSimulator",
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "leafsync-sim",
            dependencies: ["LeafLinkSimulator", "DistruSimulator", "MetrcSimulator", "SimulatorSupport", argumentParser, hummingbird],
            path: "Tools/leafsync-sim",
            swiftSettings: upcoming
        ),

        // MARK: Tests (Swift Testing)
        // One support target for every test target: temporary directories, child processes, the
        // simulators started and stopped, their /_sim/ control calls, an in-memory event store,
        // webhook receivers and a manual clock.
        .target(
            name: "LeafSyncTestSupport",
            dependencies: [
                "LeafSyncLog", "LeafSyncJSON", "LeafSyncIngest", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI", "SimulatorSupport",
                "LeafLinkSimulator", "DistruSimulator", "MetrcAPI", "MetrcSimulator", asyncHTTPClient, hummingbird, logging,
            ],
            path: "Tests/LeafSyncTestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(name: "LeafSyncLogTests", dependencies: ["LeafSyncLog", "BenchmarkWorkload", "LeafSyncTestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "LeafSyncCLITests",
            dependencies: ["LeafSyncLog", "LeafSyncService", "LeafSyncTestSupport", "LeafLinkSimulator", "DistruSimulator", "SimulatorSupport", hummingbird],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "LeafSyncProjectionsTests",
            dependencies: ["LeafSyncProjections", "LeafSyncDomain", "LeafSyncJSON", "LeafSyncLog", "LeafSyncTestSupport", "BenchmarkWorkload", grdb],
            exclude: ["Golden"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "LeafSyncMailTests", dependencies: ["LeafSyncMail", "LeafSyncTestSupport", nioCore, nioPosix], swiftSettings: upcoming),
        .testTarget(name: "LeafSyncJSONTests", dependencies: ["LeafSyncJSON", orderedCollections], swiftSettings: upcoming),
        .testTarget(name: "LeafSyncDomainTests", dependencies: ["LeafSyncDomain", "LeafSyncLog", "LeafSyncJSON", "BenchmarkWorkload"], swiftSettings: upcoming),
        .testTarget(
            name: "HTTPClientSupportTests", dependencies: ["HTTPClientSupport", "LeafSyncJSON", "LeafSyncTestSupport", asyncHTTPClient, logging], swiftSettings: upcoming
        ),
        .testTarget(
            name: "LeafLinkAPITests",
            dependencies: [
                "LeafLinkAPI", "HTTPClientSupport", "LeafSyncJSON", "LeafSyncDomain", "LeafLinkSimulator", "SimulatorSupport", "LeafSyncTestSupport",
                hummingbird, hummingbirdTesting,
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "DistruAPITests",
            dependencies: ["DistruAPI", "HTTPClientSupport", "LeafSyncJSON", "DistruSimulator", "SimulatorSupport", "LeafSyncTestSupport", hummingbird, hummingbirdTesting],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "MetrcAPITests",
            dependencies: ["MetrcAPI", "HTTPClientSupport", "LeafSyncJSON", "MetrcSimulator", "SimulatorSupport", "LeafSyncTestSupport", hummingbird],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "LeafSyncDispatchTests",
            dependencies: [
                "LeafSyncDispatch", "LeafSyncMail", "LeafSyncIngest", "BenchmarkWorkload", "LeafSyncLog", "LeafSyncJSON", "LeafSyncDomain", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI",
                "MetrcAPI", "LeafSyncProjections", "LeafLinkSimulator", "DistruSimulator", "MetrcSimulator", "SimulatorSupport", "LeafSyncTestSupport",
                grdb, hummingbird, logging,
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "LeafSyncServiceTests",
            dependencies: [
                "LeafSyncDemo",
                "LeafSyncService", "LeafSyncDispatch", "LeafSyncMail", "LeafSyncIngest", "LeafSyncLog", "LeafSyncJSON", "LeafSyncDomain",
                "LeafSyncProjections", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI", "LeafLinkSimulator", "DistruSimulator", "MetrcSimulator",
                "SimulatorSupport",
                "LeafSyncTestSupport", "BenchmarkWorkload", hummingbird, hummingbirdTesting, asyncHTTPClient, grdb, serviceLifecycle, logging,
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "LeafSyncIngestTests",
            dependencies: [
                "LeafSyncIngest", "LeafSyncLog", "LeafSyncJSON", "LeafSyncDomain", "HTTPClientSupport", "LeafLinkAPI", "DistruAPI", "MetrcAPI",
                "LeafLinkSimulator", "DistruSimulator", "MetrcSimulator", "SimulatorSupport", "LeafSyncTestSupport", hummingbird,
            ],
            swiftSettings: upcoming
        ),
    ]
)
