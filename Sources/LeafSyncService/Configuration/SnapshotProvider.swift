import Configuration

/// A ``ConfigProvider`` serving one snapshot that never changes: the YAML file as read at start.
///
/// swift-configuration's `FileProvider` reads its file in an `async` initializer;
/// ``ServiceConfiguration/load(directory:file:environment:)`` is synchronous (it runs once, before
/// anything else starts), so it reads the few bytes itself and parses them with the library's own
/// `YAMLSnapshot`, served through this provider.
///
/// (The library builds with `NonisolatedNonsendingByDefault`, so its protocol's async requirements
/// and their handlers run on the caller's executor: hence `nonisolated(nonsending)` below.)
struct SnapshotProvider: ConfigProvider {
    let base: any ConfigSnapshot

    var providerName: String { base.providerName }

    func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult { try base.value(forKey: key, type: type) }

    nonisolated(nonsending) func fetchValue(forKey key: AbsoluteConfigKey, type: ConfigType) async throws -> LookupResult { try value(forKey: key, type: type) }

    nonisolated(nonsending) func watchValue<Return: ~Copyable>(
        forKey key: AbsoluteConfigKey, type: ConfigType,
        updatesHandler: nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<Result<LookupResult, any Error>, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchValueFromValue(forKey: key, type: type, updatesHandler: updatesHandler)
    }

    func snapshot() -> any ConfigSnapshot { base }

    nonisolated(nonsending) func watchSnapshot<Return: ~Copyable>(
        updatesHandler: nonisolated(nonsending) (_ updates: ConfigUpdatesAsyncSequence<any ConfigSnapshot, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchSnapshotFromSnapshot(updatesHandler: updatesHandler)
    }
}
