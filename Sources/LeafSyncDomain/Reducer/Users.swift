import Foundation

/// Distru users ↔ LL reps (R-USR-01).
extension Reduction {
    mutating func mapRep(user: String, rep: Int) {
        let subject = "distru-user:\(user)"
        if state.repOfUser[user] == rep { return }
        if let other = state.repOfUser[user] {
            refuse(subject, "R-USR-01", "Distru user \(user) is already mapped to rep \(other); unmap it first")
            return
        }
        if let other = state.userOfRep[rep] {
            refuse(subject, "R-USR-01", "rep \(rep) is already mapped to Distru user \(other); unmap that user first")
            return
        }
        state.repOfUser[user] = rep
        state.userOfRep[rep] = user
        state.refusals[subject] = nil
        let name = state.staff[rep].map { " (\($0.displayName))" } ?? ""
        note(subject, "R-USR-01", "mapped to rep \(rep)\(name)")
        reevaluateBlockedOrders(.rep(rep))
    }

    mutating func unmapRep(user: String) {
        guard let rep = state.repOfUser.removeValue(forKey: user) else { return }
        state.userOfRep[rep] = nil
        note("distru-user:\(user)", "R-USR-01", "unmapped from rep \(rep)")
    }
}
