/// A reference to another record as Distru embeds it: `{"id": …, "name": …}`.
public struct DistruRef: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String?
    public var fullName: String?
    public var orderNumber: String?
}

/// A product (`GET /products`).
public struct DistruProduct: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var sku: String?
    public var description: String?
    public var isActive: Bool?
    public var unitType: DistruRef?
    /// The sale price.
    public var unitPrice: DistruDecimal?
    public var wholesaleUnitPrice: DistruDecimal?
    public var unitsPerCase: DistruDecimal?
    public var category: DistruRef?
    public var brand: DistruRef?
    public var strain: DistruRef?
    /// PRODUCT, BATCH or PACKAGE.
    public var inventoryTrackingMethod: DistruEnum?
    public var quantityAvailable: DistruDecimal?
    public var leaflinkProductId: DistruID?
    public var updatedDatetime: DistruTimestamp?
}

/// One row of `GET /inventory?grouping[]=PRODUCT&grouping[]=LOCATION`.
public struct DistruInventoryRow: Sendable, Hashable, Codable {
    public var productId: DistruID
    public var locationId: DistruID
    public var active: DistruDecimal
    /// `active − reserved`; may be negative.
    public var available: DistruDecimal
    public var reserved: DistruDecimal
}

/// A sales order (`GET /orders`).
public struct DistruOrder: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var id: DistruID?
        public var product: DistruRef?
        public var quantity: DistruDecimal
        public var price: DistruDecimal?
        public var priceBase: DistruDecimal?
        public var location: DistruRef?
        public var batch: DistruRef?
        public var package: DistruRef?
        public var isSample: Bool?
        public var note: String?
        public var leaflinkId: DistruID?
    }

    public struct Charge: Sendable, Hashable, Codable {
        public var name: String?
        /// CHARGE or DISCOUNT.
        public var type: DistruEnum?
        /// PERCENT or PRICE.
        public var unitType: DistruEnum?
        public var percent: DistruDecimal?
        public var price: DistruDecimal?
        public var tax: DistruRef?
    }

    public var id: DistruID
    public var orderNumber: String?
    public var status: SalesOrderStatus
    public var company: DistruRef?
    public var billingLocation: DistruRef?
    public var shippingLocation: DistruRef?
    /// Ship-from location, the inventory source.
    public var location: DistruRef?
    public var owner: DistruRef?
    public var orderDatetime: DistruTimestamp?
    public var deliveryDatetime: DistruTimestamp?
    public var internalNotes: String?
    public var externalNotes: String?
    public var items: [Item]
    public var charges: [Charge]?
    public var total: DistruDecimal?
    public var invoices: [DistruRef]?
    public var metrcTransferId: DistruID?
    public var metrcTransferTemplateId: DistruID?
    public var leaflinkId: String?
    public var leaflinkOrderNumber: String?
    public var updatedDatetime: DistruTimestamp?
}

/// A customer company (read-only).
public struct DistruCompany: Sendable, Hashable, Codable {
    public struct License: Sendable, Hashable, Codable {
        public var licenseNumber: String
        public var active: Bool?
    }

    public struct Location: Sendable, Hashable, Codable {
        public var id: DistruID
        public var name: String?
        public var address: String?
    }

    public var id: DistruID
    public var name: String
    public var legalBusinessName: String?
    public var licenses: [License]?
    public var locations: [Location]?
    public var leaflinkCustomerId: DistruID?
    public var updatedDatetime: DistruTimestamp?
}

public struct DistruUser: Sendable, Hashable, Codable {
    public var id: DistruID
    public var fullName: String?
    public var email: String?
    public var role: DistruEnum?
}

/// One of the seller's own locations (warehouses).
public struct DistruLocation: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var address: String?
    public var license: String?
}

public struct DistruTax: Sendable, Hashable, Codable {
    public var id: DistruID
    public var name: String
    public var percent: DistruDecimal?
}

/// An invoice with its payments.
public struct DistruInvoice: Sendable, Hashable, Codable {
    public struct Payment: Sendable, Hashable, Codable {
        public var id: DistruID
        public var amount: DistruDecimal
        public var paymentDatetime: DistruTimestamp?
        public var paymentMethod: DistruRef?
        public var description: String?
    }

    public var id: DistruID
    public var invoiceNumber: String?
    public var status: DistruEnum?
    public var order: DistruRef?
    public var total: DistruDecimal?
    public var paidAmount: DistruDecimal?
    public var payments: [Payment]
    public var updatedDatetime: DistruTimestamp?
}
