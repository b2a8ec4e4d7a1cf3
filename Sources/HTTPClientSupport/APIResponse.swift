/// One answer from a vendor: status, the exact body, the call that got it and the server's clock.
public struct APIResponse<Timestamp: APITimestamp>: Sendable {
    public var status: Int
    public var body: [UInt8]
    public var call: HTTPCall
    /// The server's clock (`Date` header), to the second.
    public var serverDate: Timestamp?

    public init(status: Int, body: [UInt8], call: HTTPCall, serverDate: Timestamp? = nil) {
        self.status = status
        self.body = body
        self.call = call
        self.serverDate = serverDate
    }
}
