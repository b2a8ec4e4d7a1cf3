public import LeafSyncDomain

/// The operator steps the simulators' demo seed (`data/demo`) needs before its orders can sync:
/// its LeafLink rep 501 matches no Distru user by e-mail and two of its LeafLink products are not
/// linked. The service's shutdown tests record them in one go; the demo (``DemoRun``) does the
/// same through the admin API, one operator request at a time.
public enum DemoScenario {
    /// LeafLink order a6a3a450 of the demo seed, the one these steps unblock.
    public static let order = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"

    /// What an operator does: rep 501 → the Distru admin; LeafLink products 2093 and 2095 linked
    /// to the Distru chocolate bars; the warehouse as the default SO location; payment sync on;
    /// an error recipient; polls and push cycles every second (so each demo step sees changes).
    public static let steps: [OperatorAction] = [
        .mapRep(distruUserID: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", leafLinkStaffID: 501),
        .linkProduct(distruProductID: "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04", leafLinkProductID: 2093),
        // Distru's record links the milk bar to LeafLink 2094 (imported at the first fetch); the demo
        // order needs 2095, and a link is locked (R-PRD-02): unlink first.
        .unlinkProduct(distruProductID: "07ae9b25-3a95-5bb7-9c12-6283c5da8e55"),
        .linkProduct(distruProductID: "07ae9b25-3a95-5bb7-9c12-6283c5da8e55", leafLinkProductID: 2095),
        .changeSettings(
            SettingsChange(
                defaultSalesOrderLocationID: "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", syncPayments: true,
                errorRecipients: ["ops@highlandharvest.example"], orderPollSeconds: 1, productPollSeconds: 1, inventoryPushSeconds: 1)),
    ]
}
