/// The action of `POST /orders-received/{number}/transition/{action}/`.
public enum OrderTransition: String, Sendable, CaseIterable {
    case submit, accept, backorder, fulfill, ship, complete, reject, cancel
}
