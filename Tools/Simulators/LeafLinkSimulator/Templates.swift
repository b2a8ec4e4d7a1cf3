import HTTPClientSupport
import LeafLinkAPI
import LeafSyncJSON

/// Every field LeafLink's published examples carry, with their JSON types, used as defaults so
/// that each object the simulator serves (seeded or created) has the full shape.
enum Templates {
    static let order = parse(
        #"""
        {"number":"","short_id":"","external_id_seller":null,"external_id_buyer":null,"ext_acct_id":null,
         "created_on":"","user":"","buyer":0,"seller":0,
         "customer":{"id":0,"display_name":"","ext_acct_id":null,"delinquent":false},
         "brand":null,"status":"Draft","manual":false,"discount":0,"discount_type":"%","tax_amount":0,"tax_type":"%",
         "final_tax":"0.00","shipping_charge":{"amount":0,"currency":"USD"},"total":{"amount":0,"currency":"USD"},
         "payment_term":"Net 30","payment_methods":["Cash","Check"],
         "available_payment_options":[{"id":216375,"is_default":true,"payment_program":null,"payment_strategy":null,
           "payment_method":{"id":1,"method":"Cash"},"payment_term":{"id":20,"term":"COD","days":null,"code":"cod"}}],
         "selected_payment_option":{"id":1732313,"is_default":true,"payment_program":null,"payment_strategy":null,
           "payment_method":{"id":1,"method":"Cash"},"payment_term":{"id":20,"term":"COD","days":null,"code":"cod"}},
         "payment_due_date":null,"paid":false,"paid_date":null,"ship_date":null,"shipping_details":null,"notes":"",
         "internal_notes":null,"delivery_preferences":"","sales_reps":[],"classification":"Adult Use","payment_balance":0,
         "available_transitions":[],"modified":"","has_special_requests":false,"delivery_provider":null,"order_taxes":[],
         "delivery_info":null,"is_combination":false,"credits":"0.00","facility_id":null,"order_number":"",
         "order_seller_number":"","order_buyer_number":"","order_short_number":"","distributor":"","external_ids":{},
         "corporate_address":{"address":"","city":"","state":"","unit_number":"","zipcode":""},
         "delivery_address":{"address":"","city":"","state":"","unit_number":"","zipcode":""}}
        """#)

    static let product = parse(
        #"""
        {"id":0,"created_on":"","last_edit":"","drop_date":null,"dropped":null,"name":"","sku":"","description":"",
         "quantity":"0.0000","reserved_qty":"0.0000","display_name":"","unit_multiplier":1,
         "retail_price":{"amount":0,"currency":"USD"},"wholesale_price":{"amount":0,"currency":"USD"},
         "sale_price":{"amount":0,"currency":"USD"},"minimum_order":"1.0000","maximum_order":null,
         "is_medical_line_item":false,"AVAILABLE_FOR_SAMPLES":true,"extern_acct_id":null,"extern_income_acct_id":"",
         "featured":false,"tagline":null,"featured_on_deals":false,"allow_fractional_quantities":false,"parent":null,
         "listing_state":"Available","display_listing_state":"Available","inventory_management":1,"unit_of_measure":"Unit",
         "sell_in_unit_of_measure":"Unit","unit_denomination":{"id":1,"value":"1.00000","name":"One","label":"1"},
         "category":null,"grow_type":null,"seller":0,"seller_internal_id":null,"brand":null,"product_line":null,
         "manufacturer":0,"strain_classification":"na","license":null,"available_inventory":0,"children_count":0,
         "strains":[],"price_schedule_price":{"amount":0,"currency":"USD"},"image_count":0,"is_ancillary":false,
         "s2s_conversion_amount":"1.0000","extern_sts_ids":null,"strain_classification_display":"N/A","modified":"",
         "sub_category":null,"has_deals_eligible_children":false,"discount_percent":0,"base_units_per_unit":null,
         "external_ids":{},"threshold_value":0,"threshold_action":"unavailable","reverse_threshold_value":1,
         "reverse_threshold_action":"available","show_quantity":true,"product_data_items":[]}
        """#)

    static let lineItem = parse(
        #"""
        {"id":0,"order":"","product":0,"quantity":"0.0000","unit_multiplier":1,"bulk_units":null,
         "ordered_unit_price":{"amount":"0.00","currency":"USD"},"sale_price":{"amount":"0.00","currency":"USD"},
         "wholesale_price":{"amount":"0.00","currency":"USD"},"is_sample":false,"is_medical_line_item":false,"notes":"",
         "position":0,"frozen_data":{"product":{"name":"","sku":"","unit_of_measure":"Unit"}},"is_packed":false,
         "packed_at":null,"packed_by":null,"unit_of_measure":"Unit","on_sale":false,"is_backorder":false,"order_id":"",
         "batch":null,"package_tags":""}
        """#)

    static let customer = parse(
        #"""
        {"id":0,"name":"","display_name":"","nickname":"","dba":"","business_license_name":"","license_number":"",
         "old_license_number":null,"license_inactive":false,"license_type":null,"external_id":"","ext_acct_id":null,
         "business_identifier":"","ein":"","description":"","website":"","address":"","unit_number":"","zipcode":"",
         "city":"","county":"","state":"","country":"US","lat":null,"long":null,"phone":"","phone_extension":"","email":"",
         "notes":"","directions":"","delivery_preferences":"","currency":"USD","shipping_charge":"0.00","brand":null,
         "managers":[],"created_on":"","modified":"","next_contact_date":null,"leaflink_last_views":null,
         "leaflink_source":true,"archived":false,"delinquent":false,"discount_percent":"0.00","owner":0,"partner":null,
         "tier":null,"price_schedule":null,"service_zone":null,"payment_term":null,"payment_methods":[],
         "available_payment_options":[],"status":null,"external_ids":{},
         "corporate_address":{"address":"","city":"","state":"","unit_number":"","zipcode":""},
         "delivery_address":{"address":"","city":"","state":"","unit_number":"","zipcode":""}}
        """#)

    static let staff = parse(
        #"""
        {"id":0,"user":0,"company":0,"is_admin":false,"is_active":true,"is_poc":false,"email":"","phone":"",
         "identification_number":"","display_name":"","username":""}
        """#)

    static let payment = parse(
        #"""
        {"id":0,"created_on":"","modified":"","order":"","recorded_by":0,"recorder_name":"",
         "total":{"amount":0,"currency":"USD"},"payment_date":"","reason":"","payment_type":"other"}
        """#)

    static let credit = parse(
        #"""
        {"id":0,"company":0,"customer":{"id":0,"display_name":""},"amount":{"amount":0,"currency":"USD"},
         "credit_date":"","status":"active","status_display":"Active","reason":"other","reason_display":"Other",
         "brand":null,"order":null,"order_display":"","notes":"","applied_to":null,"applied_to_display":"",
         "read_only":false,"archived":false}
        """#)

    static let eventLog = parse(
        #"""
        {"id":0,"order":"","author_name":"","by":"seller","event_type":"edited","description":null,"created_on":"",
         "modified":"","timestamp":"","changed_fields":{},"source":"app","source_detail":""}
        """#)

    static let salesRep = parse(#"{"id":0,"order":"","rep":0,"created_on":""}"#)

    /// Reference data, keyed by resource path.
    static let reference: [String: JSONObject] = [
        "brands": parse(#"{"id":0,"name":"","company":0,"description":"","image":null,"banner":null}"#),
        "product-lines": parse(#"{"id":0,"name":"","brand":0,"menu_position":0}"#),
        "product-categories": parse(#"{"id":0,"name":"","slug":"","description":""}"#),
        "product-subcategories": parse(#"{"id":0,"name":"","slug":"","description":"","category":0}"#),
        "strains": parse(#"{"id":0,"name":"","parents":[],"company":0,"strain_classification":"hybrid"}"#),
        "licenses": parse(#"{"id":0,"number":"","type":"Recreational","display_type":"Adult Use","classification":"MIPS"}"#),
    ]

    static func parse(_ text: String) -> JSONObject {
        guard case .object(let o) = try! JSONParser.parse(text) else { fatalError("template is not an object") }
        return o
    }
}
