import Foundation
import GRDB
import LeafSyncDomain

extension ProjectionTables {
    /// R-MTC-01/02/03: per SO with Metrc activity, its template id (or the error that creating it
    /// gave) and the transfer matched to it (``SyncState/metrcSalesOrders()``).
    static let metrcSalesOrders = ProjectionTable(
        name: "metrc_sales_orders",
        columns: ["so_id", "so_number", "template_id", "template_error", "transfer_id", "manifest_number"],
        columnTypes: ["TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT"],
        extraStatements: ["CREATE INDEX metrc_sales_orders_by_so_number ON metrc_sales_orders (so_number)"]
    ) { state in
        state.metrcSalesOrders().map {
            [
                $0.salesOrderID.databaseValue, $0.salesOrderNumber.databaseValue, $0.templateID.databaseValue,
                $0.templateError.databaseValue, $0.transferID.databaseValue, $0.manifestNumber.databaseValue,
            ]
        }
    }
}
