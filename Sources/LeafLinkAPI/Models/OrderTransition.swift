/// The action of `POST /orders-received/{number}/transition/{action}/`: the seven the v2
/// OpenAPI document lists. There is no `backorder` action (LeafLink backorders an order itself).
/// The likely graph (apis.md): Draft →submit→ Submitted →accept→ Accepted →fulfill→ Fulfilled
/// →ship→ Shipped →complete→ Complete; reject from Submitted through Shipped; cancel from
/// Submitted or Accepted. A skipped step is refused with a 400.
public enum OrderTransition: String, Sendable, CaseIterable {
    case submit, accept, fulfill, ship, complete, reject, cancel
}
