// The JSON value, parser and writer and the decimal and ISO-8601 scalars come from LeafSyncJSON,
// the one JSON module; the API clients and simulators built on this module see them through
// this re-export.
@_exported import LeafSyncJSON
