import DistruAPI
import HTTPClientSupport

/// The inventory row of `product` at `location`, as the client lists it.
func inventoryRow(_ client: DistruClient, product: String, location: String) async throws -> DistruInventoryRowModel? {
    try await client.inventory().map(\.value).first { $0.productId.text == product && $0.locationId.text == location }
}
