// Fault injection and webhook delivery come from SimulatorSupport (shared with the LeafLink
// simulator); users of DistruSimulator see them through this re-export.
@_exported import SimulatorSupport
