/// `leafsync run`: one process running the fetch loops (as the dispatcher's polls), the webhook
/// endpoints, the scheduler, the projector, the dispatcher and mail delivery under
/// swift-service-lifecycle, configured from a file and the environment, with an HTTP port for
/// webhooks, health, metrics and the admin API.
public enum LeafSyncService {}
