// JSON values, the retry policy and URL helpers come from HTTPClientSupport (shared with the
// LeafLink client); users of DistruAPI see them through this re-export.
@_exported import HTTPClientSupport
