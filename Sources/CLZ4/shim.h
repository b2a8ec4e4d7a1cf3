#include <lz4.h>
#include <lz4hc.h>

/// Asks the CPU to start loading the cache line at `address` for reading (no effect on results).
/// Swift has no prefetch of its own; the log's scan uses this to hide the latency of reading
/// records another core has just decompressed.
static inline void leafsync_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
