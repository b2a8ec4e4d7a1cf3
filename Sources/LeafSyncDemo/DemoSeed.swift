/// The records of the simulators' demo seed (`data/demo/`) the story names.
enum DemoSeed {
    enum Rep {
        static let maria = 501, dev = 502, sam = 503
        static let mariaEmail = "maria.lopez@highlandharvest.example", samEmail = "sam.okafor@highlandharvest.example"
    }
    enum User {
        static let janeEmail = "jane@seller.example", samEmail = "sam@seller.example"
    }
    /// LeafLink products by id.
    enum Listing {
        static let darkBar = 2093, milkBar = 2094, gummies = 2095, blueDream = 2096, gmoCookies = 2097
        static let blueDreamPreRoll = 2098, gmoPreRoll = 2099, tincture = 2100, balm = 2101, holidayBox = 2102
    }
    /// Distru products by id.
    enum Product {
        static let darkBar = "4b7f2a0e-6c1d-4e8a-9f3b-2d5c7e9a1b04"
        static let milkBar = "07ae9b25-3a95-5bb7-9c12-6283c5da8e55"
        static let calmTincture = "beb49ff3-1e8f-505e-ae13-23054beff274", calmTinctureSKU = "CLM-TIN-30"
        /// The products the brand keeps under the same SKU on both sides (suggested by SKU).
        static func sameSKU(as listing: Int) -> String { "d15f0000-0000-4000-8000-00000000\(listing)" }
        static let gummies = sameSKU(as: Listing.gummies), blueDream = sameSKU(as: Listing.blueDream)
        static let gmoPreRoll = sameSKU(as: Listing.gmoPreRoll), balm = sameSKU(as: Listing.balm)
    }
    static let warehouse = "7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    enum Customer {
        static let goodVibrations = 148515, mountainMedicinals = 148517, frontRange = 148519
        static let frontRangeCompany = "e7f8a9b0-1c2d-4e3f-8a4b-5c6d7e8f9a0b"
    }
    /// LeafLink orders of the seed.
    enum Order {
        /// Good Vibrations, rep Maria: dark bars and gummies.
        static let goodVibrations = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"
        /// Front Range, reps Maria and Sam: 150 GMO pre-rolls, more than Distru has.
        static let frontRangeBig = "9531985d-5d9d-49f8-9818-e811892f902b"
        /// Mountain Medicinals, rep Sam (a customer with no Distru company).
        static let mountainMedicinals = "8e81973e-0bec-47b0-b898-d190f9ebdacc"
        /// Mile High Greens, rep Dev (left unmapped: stays blocked).
        static let devsOrder = "36f675cc-81e7-4ef5-a8e2-5d940ed90475"
    }
    static let errorRecipient = "ops@highlandharvest.example"
    /// The Metrc seed (`data/demo/metrc`).
    enum Metrc {
        /// Distru's Main Warehouse.
        static let mainWarehouse = "403R-00123"
        /// A package of dark bars held by the Main Warehouse.
        static let darkBarPackage = "1A4FF0100000022000001301"
    }
}
