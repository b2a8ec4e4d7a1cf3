import ArgumentParser
import LeafSyncJSON
import LeafSyncService

struct ProductsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products",
        abstract: "Link Distru products to LeafLink products, accept suggestions, create LeafLink products (R-PRD).",
        discussion: """
            A product is named by id or SKU on either side.
            Examples:
              leafsync products unlinked --dir D
              leafsync products suggestions SWI-BAR-DAR-100 --dir D
              leafsync products accept SWI-BAR-DAR-100 --dir D
              leafsync products link SWI-BAR-DAR-100 2093 --dir D
              leafsync products unlink 2093 --dir D
              leafsync products create-in-leaflink CLM-TIN-30 --brand 49 --category 9 --subcategory 21 --license 2619 --dir D
            """,
        subcommands: [Unlinked.self, Suggestions.self, Link.self, Unlink.self, Accept.self, CreateInLeafLink.self]
    )

    @OptionGroup var tenant: TenantOption

    struct Unlinked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlinked products on both sides, each with its suggested match.", discussion: "Example: leafsync products unlinked --dir D")
        @OptionGroup var options: OperatorOptions
        func run() async throws { try await options.query(.get("/admin/v1/products/unlinked")) { try await $0.unlinkedProducts() } }
    }

    struct Suggestions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suggested links (exact SKU, else similar names), all or for one product.",
            discussion: "Example: leafsync products suggestions SWI-BAR-DAR-100 --dir D --json")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "A product on either side (id or SKU).") var product: String?
        func run() async throws { try await options.query(.get("/admin/v1/products/suggestions", ["product": product])) { try await $0.suggestions(for: product) } }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a Distru product to a LeafLink product.", discussion: "Example: leafsync products link SWI-BAR-DAR-100 2093 --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The Distru product (id or SKU).") var distru: String
        @Argument(help: "The LeafLink product (id or SKU).") var leaflink: String
        func run() async throws { try await options.act(.post("/admin/v1/products/link", ["distruProduct": .string(distru), "leafLinkProduct": .string(leaflink)])) {
            try await $0.link(distru, to: leaflink)
        } }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlink a product, named on either side.", discussion: "Example: leafsync products unlink 2093 --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The Distru or LeafLink product (id or SKU).") var product: String
        func run() async throws { try await options.act(.post("/admin/v1/products/unlink", ["product": .string(product)])) { try await $0.unlink(product) } }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the suggested link of a product.", discussion: "Example: leafsync products accept SWI-BAR-DAR-100 --dir D")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The Distru or LeafLink product (id or SKU).") var product: String
        func run() async throws { try await options.act(.post("/admin/v1/products/accept", ["product": .string(product)])) { try await $0.accept(product) } }
    }

    struct CreateInLeafLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-in-leaflink", abstract: "Create a LeafLink product from a Distru product; it is linked once created.",
            discussion: """
                LeafLink files every product under a brand, a category, a sub-category and a licence: give \
                their LeafLink ids (the product's "LeafLink fields" in Distru).
                Example: leafsync products create-in-leaflink CLM-TIN-30 --brand 49 --category 9 --subcategory 21 --license 2619 --dir D
                """)
        @OptionGroup var options: OperatorOptions
        @Argument(help: "The Distru product (id or SKU).") var product: String
        @Option(help: "The LeafLink product's name (default: the Distru name).") var name: String?
        @Option(help: "LeafLink brand id.") var brand: Int?
        @Option(help: "LeafLink category id.") var category: Int?
        @Option(help: "LeafLink sub-category id.") var subcategory: Int?
        @Option(help: "LeafLink licence id.") var license: Int?
        @Option(help: "LeafLink product line id (optional).") var productLine: Int?

        func run() async throws {
            let placement = LeafLinkPlacement(brand: brand, category: category, subcategory: subcategory, license: license, productLine: productLine)
            var members: [String: JSONValue] = ["product": .string(product), "name": name.map(JSONValue.string) ?? .null]
            for (key, value) in [("brand", brand), ("category", category), ("subcategory", subcategory), ("license", license), ("productLine", productLine)] {
                if let value { members[key] = .int(value) }
            }
            try await options.act(.post("/admin/v1/products/create-in-leaflink", members)) {
                try await $0.createInLeafLink(product, name: name, placement: placement)
            }
        }
    }
}
