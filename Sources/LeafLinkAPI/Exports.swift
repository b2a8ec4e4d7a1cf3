// The JSON value and parser, retry policy and rate limiter live in HTTPClientSupport, shared
// with the Distru client; users of LeafLinkAPI see them through this re-export.
@_exported import HTTPClientSupport
