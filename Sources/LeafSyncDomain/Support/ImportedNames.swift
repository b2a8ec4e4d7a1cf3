public import LeafSyncJSON

/// The record decoders' input, re-exported from LeafSyncJSON so that every file of this module
/// (and a client that imports only LeafSyncDomain) can name it: `init<J: JSONReadable>(json: J)`.
public typealias JSONReadable = LeafSyncJSON.JSONReadable
