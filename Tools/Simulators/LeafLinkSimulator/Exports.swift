// Fault injection, webhook delivery and HTTP helpers live in SimulatorSupport, shared with the
// Distru simulator; users of LeafLinkSimulator see them through this re-export.
@_exported import SimulatorSupport
