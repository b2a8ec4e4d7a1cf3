import LeafSyncService
import Testing

@Test("the service module links") func serviceModuleLinks() { _ = LeafSyncService.self }
