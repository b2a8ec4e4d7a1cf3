import Synchronization

/// The demo scenario: every part of the integration guide, played against the simulators with
/// the service running. People act in LeafLink's and Distru's web apps (the simulators' control
/// routes) and the operator through the admin API; after each action the story waits until
/// LeafSync has noticed, decided and changed the other side, reading it through the public APIs.
///
/// `leafsync demo` runs it and prints its progress; the end-to-end test runs the same story and
/// then checks the final state. Each chapter is a method in a `DemoStory+…` file.
public struct DemoStory: Sendable {
    public let session: DemoSession
    /// The chapters, in order: title, the part of the guide it shows, and what it does.
    var chapters: [(title: String, guide: String, play: @Sendable (DemoStory) async throws -> Void)] {
        [
            ("LeafSync connects", "Setup; first connection", { try await $0.connect() }),
            ("The operator's settings", "Settings (R-SET)", { try await $0.configure() }),
            ("Sales reps ↔ Distru users", "Users (R-USR)", { try await $0.mapReps() }),
            ("Products: suggestions, links, one created in LeafLink", "Products (R-PRD)", { try await $0.linkProducts() }),
            ("Inventory in all three modes", "Inventory (R-INV)", { try await $0.pushInventory() }),
            ("Prices both ways, sold in multiples", "Prices (R-PRC)", { try await $0.syncPrices() }),
            ("An order with everything on it", "Orders (R-ORD, R-CUS)", { try await $0.richOrder() }),
            ("Blocked, then unblocked", "Orders (R-ORD-01, R-ERR)", { try await $0.unblock() }),
            ("A combined order and a medical/recreational split", "Orders (R-UPD-06, R-ORD-11)", { try await $0.combineAndSplit() }),
            ("LeafLink edits applied and refused", "Order updates (R-UPD-01)", { try await $0.edits() }),
            ("Statuses both ways", "Status mapping (R-UPD-08)", { try await $0.statuses() }),
            ("A payment and its deletion", "Payments (R-PAY)", { try await $0.payments() }),
            ("A Distru SO deleted, its LeafLink order rejected", "Order updates (R-UPD-04)", { try await $0.deleteWithRejection() }),
            ("A Metrc transfer completes an order", "Metrc (R-MTC-01, R-MTC-02)", { try await $0.metrcTransfer() }),
            ("Sync errors e-mailed", "Sync errors (R-ERR)", { try await $0.errorMail() }),
        ]
    }

    /// What the story made, for the summary and the tests.
    public struct Outcome: Sendable {
        /// LeafLink order number → Distru SO id, for every order the story followed to an SO.
        public var salesOrders: [String: String] = [:]
        /// The order placed with tax, discount, shipping, a credit, a negative line and duplicate lines.
        public var richOrder: String?
        /// The two orders combined, and the order LeafLink made of them.
        public var combinedFrom: [String] = []
        public var combined: String?
        /// The two orders LeafLink split one cart into (adult use, medical).
        public var split: [String] = []
        /// The LeafLink product created from the Distru calm tincture.
        public var createdListing: Int?
        /// The order whose SO the operator deleted with rejection.
        public var rejected: String?
        /// The order completed by a Metrc transfer made from its SO's template, and that transfer's Id.
        public var metrcOrder: String?
        public var metrcTransfer: String?
        /// The e-mails in the outbox at the end.
        public var emails: Int = 0
    }

    let outcome: OutcomeBox

    public init(session: DemoSession) {
        self.session = session
        self.outcome = OutcomeBox()
    }

    /// Plays every chapter in order; throws the first expectation that was not met.
    public func run() async throws -> Outcome {
        for (index, chapter) in chapters.enumerated() {
            session.report(.chapter(number: index + 1, title: chapter.title, guide: chapter.guide))
            try await chapter.play(self)
        }
        return outcome.value
    }

    /// How many chapters there are (for progress counters).
    public var chapterCount: Int { chapters.count }

    /// The Metrc licence the demo ships from (`LEAFSYNC_METRC_LICENSE`): the Main Warehouse of the
    /// Metrc demo seed, which holds the dark bar's package.
    public static let metrcLicense = DemoSeed.Metrc.mainWarehouse
}

/// The outcome as the chapters fill it in (the story itself is a value).
final class OutcomeBox: Sendable {
    private let state = Mutex(DemoStory.Outcome())
    var value: DemoStory.Outcome { state.withLock { $0 } }
    func update(_ change: (inout DemoStory.Outcome) -> Void) { state.withLock { change(&$0) } }
}
