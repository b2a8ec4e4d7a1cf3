import Foundation
import LeafSyncJSON

/// Customers (R-CUS): association of LL customers with Distru companies.
extension Reduction {
    mutating func observeCompany(_ c: DistruCompany) {
        let previous = state.companies[c.id]
        state.companies[c.id] = c
        // The "LeafLink Customer" field set on the company in Distru (R-CUS-05).
        if let customer = c.leafLinkCustomerID, customer != previous?.leafLinkCustomerID {
            associate(customer: customer, company: c.id, rule: "R-CUS-05", why: "LeafLink customer set on the company in Distru")
        }
    }

    mutating func associate(customer: Int, company: String, rule: String, why: String) {
        guard state.customerAssociations[customer] != company else { return }
        state.customerAssociations[customer] = company
        note("ll-customer:\(customer)", rule, "associated with Distru company \(company): \(why); later orders of this customer get it")
    }

    /// R-ORD-02: the associated company; an unassociated customer is matched once (R-CUS-01).
    mutating func resolveCompany(leafLinkCustomerID: Int?, orderSubject: String) -> String? {
        guard let id = leafLinkCustomerID else { return nil }
        if let company = state.customerAssociations[id] { return company }
        let subject = "ll-customer:\(id)"
        let companies = state.companies.values.sorted { $0.id < $1.id }
        guard let customer = state.leafLinkCustomers[id] else {
            note(orderSubject, "R-CUS-01", "LeafLink customer \(id) not fetched: no match attempted; the SO has no customer")
            return nil
        }
        if let license = Reduction.normalizedLicense(customer.licenseNumber) {
            let matches = companies.filter { $0.licenseNumbers.contains { Reduction.normalizedLicense($0) == license } }
            if matches.count == 1 {
                associate(
                    customer: id, company: matches[0].id, rule: "R-CUS-01", why: "unique license match \(customer.licenseNumber ?? "")")
                return matches[0].id
            }
            if matches.count > 1 {
                note(
                    subject, "R-CUS-01", "license \(customer.licenseNumber ?? "") matches \(matches.count) companies: ambiguous, not linked"
                )
                return nil
            }
        }
        let names = [customer.name, customer.dba].compactMap { $0 }.map(Reduction.normalizedName).filter { !$0.isEmpty }
        let byName = companies.filter { c in
            [c.name, c.legalBusinessName].compactMap { $0 }.map(Reduction.normalizedName).contains { names.contains($0) }
        }
        let street = Reduction.normalizedName(customer.address ?? "")
        let zip = (customer.zipcode ?? "").trimmingSpaces
        let withAddress = byName.filter { c in
            guard !street.isEmpty, !zip.isEmpty else { return false }
            return c.locations.contains { loc in
                let s = Reduction.normalizedName(loc.street ?? "")
                let zipMatches = loc.zip.map { $0.trimmingSpaces == zip } ?? (loc.street ?? "").contains(zip)
                return zipMatches && !s.isEmpty && (s.contains(street) || street.contains(s))
            }
        }
        if withAddress.count == 1 {
            associate(customer: id, company: withAddress[0].id, rule: "R-CUS-01", why: "unique name and address match")
            return withAddress[0].id
        }
        note(
            subject, "R-CUS-01",
            "no unique Distru company matches LeafLink customer \(customer.name) (\(byName.count) by name, \(withAddress.count) by name and address): the SO has no customer"
        )
        return nil
    }

    static func normalizedLicense(_ s: String?) -> String? {
        guard let s else { return nil }
        let n = String(s.uppercased().unicodeScalars.filter { isASCIIAlphanumeric($0) }.map(Character.init))
        return n.isEmpty ? nil : n
    }

    /// Lowercase, letters and digits only, single spaces.
    static func normalizedName(_ s: String) -> String {
        var out = ""
        var space = false
        for scalar in s.lowercased().unicodeScalars {
            if isASCIIAlphanumeric(scalar) {
                if space && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(scalar)
                space = false
            } else {
                space = true
            }
        }
        return out
    }
}

/// ASCII letters and digits (deterministic, locale-free).
func isASCIIAlphanumeric(_ u: Unicode.Scalar) -> Bool {
    (u.value >= 0x30 && u.value <= 0x39) || (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x61 && u.value <= 0x7A)
}
