import Hummingbird

/// The admin API's OpenAPI 3.1 document, served at `GET /openapi.yaml`: its paths are written
/// from the route table (`AdminAPI+Routes.swift`, each route's id, summary, body and answer), so a
/// route cannot go undocumented; the schemas they name are written out below.
let openAPIDocument: String = {
    var lines = [openAPIHeader, "paths:"]
    var path = ""
    for route in AdminAPI.routeTable {
        if route.path != path {
            path = route.path
            lines.append("  \(path):")
        }
        lines += route.openAPILines
    }
    let bodies = Set(AdminAPI.routeTable.compactMap(\.body)).sorted()
    let answers = Set(AdminAPI.routeTable.map(\.returns)).sorted()
    lines.append(openAPIDocumentPath)
    lines.append(openAPISecurity)
    lines.append("  requestBodies:")
    for name in bodies {
        lines += [
            "    \(name):", "      required: true", "      content:", "        application/json:",
            "          schema: {$ref: '#/components/schemas/\(name)'}",
        ]
    }
    lines.append("  responses:")
    for name in answers {
        lines += [
            "    \(name):", "      description: OK", "      content:", "        application/json:",
            "          schema: {$ref: '#/components/schemas/\(name)'}",
        ]
    }
    lines.append(openAPIErrorResponses)
    lines.append(openAPISchemas)
    return lines.joined(separator: "\n") + "\n"
}()

extension AdminRoute {
    /// This operation under its path in the document.
    var openAPILines: [String] {
        var lines = ["    \(method.rawValue.lowercased()):", "      operationId: \(id)", "      summary: \"\(summary)\""]
        let parameters = pathParameters.map { ($0.key, "path", true, $0.value) } + query.map { ($0.key, "query", false, $0.value) }
        if !parameters.isEmpty { lines.append("      parameters:") }
        for (name, place, required, description) in parameters.sorted(by: { $0.0 < $1.0 }) {
            lines += [
                "        - name: \(name)", "          in: \(place)", "          required: \(required)",
                "          description: \"\(description)\"",
                "          schema: {type: string}",
            ]
        }
        if let body { lines.append("      requestBody: {$ref: '#/components/requestBodies/\(body)'}") }
        lines += ["      responses:", "        '200': {$ref: '#/components/responses/\(returns)'}"]
        if body != nil { lines.append("        '400': {$ref: '#/components/responses/BadRequest'}") }
        lines += [
            "        '401': {$ref: '#/components/responses/Unauthorized'}", "        '422': {$ref: '#/components/responses/Invalid'}",
        ]
        return lines
    }
}

private let openAPIHeader = #"""
    openapi: 3.1.0
    info:
      title: LeafSync admin API
      version: 1.0.0
      description: |
        Every operator query and action of a running `leafsync run`, the same as the `leafsync`
        operator commands run directly on a stopped tenant. Ids or e-mails (SKUs, names, order short
        ids) work wherever a person would type them; numbers may be sent as JSON numbers or strings.
        Input is validated before anything is recorded: an unknown user, rep, product, customer,
        company, order or command answers 422 naming the field. A recorded request the engine refused
        (a rep already mapped to someone else) answers 200 with its refusal.
    servers:
      - url: /
    security:
      - adminToken: []
    """#

private let openAPIDocumentPath = #"""
      /openapi.yaml:
        get:
          operationId: openAPIDocument
          summary: "This document."
          security: []
          responses:
            '200':
              description: The OpenAPI document.
              content:
                application/yaml:
                  schema: {type: string}
    """#

private let openAPISecurity = #"""
    components:
      securitySchemes:
        adminToken:
          type: http
          scheme: bearer
          description: The service's admin token (LEAFSYNC_ADMIN_TOKEN).
    """#

private let openAPIErrorResponses = #"""
        BadRequest:
          description: The body is not a JSON object.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        Unauthorized:
          description: No token, or the wrong one.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        Invalid:
          description: Refused before recording anything; `field` names the input to correct.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
    """#

private let openAPISchemas = #"""
      schemas:
        Error:
          type: object
          required: [error]
          properties:
            error:
              type: object
              required: [message]
              properties:
                field: {type: string}
                message: {type: string}
        Recorded:
          type: object
          required: [first, last, summary, refusal]
          properties:
            first: {type: integer, description: The log sequence of the first recorded event.}
            last: {type: integer}
            summary: {type: string}
            refusal: {type: [string, "null"], description: "The engine's refusal of the request, with its rule id."}
        Scalar:
          type: [string, number, boolean]
        SettingsChange:
          type: object
          additionalProperties: {$ref: '#/components/schemas/Scalar'}
        MapUser:
          type: object
          required: [user, rep]
          properties:
            user: {$ref: '#/components/schemas/Scalar', description: "Distru user id or e-mail."}
            rep: {$ref: '#/components/schemas/Scalar', description: LeafLink company-staff id or e-mail.}
        UserRef:
          type: object
          required: [user]
          properties:
            user: {$ref: '#/components/schemas/Scalar', description: The Distru user or the LeafLink rep.}
        LinkProduct:
          type: object
          required: [distruProduct, leafLinkProduct]
          properties:
            distruProduct: {$ref: '#/components/schemas/Scalar'}
            leafLinkProduct: {$ref: '#/components/schemas/Scalar'}
        ProductRef:
          type: object
          required: [product]
          properties:
            product: {$ref: '#/components/schemas/Scalar'}
        CreateInLeafLink:
          type: object
          required: [product, brand, category, subcategory, license]
          properties:
            product: {$ref: '#/components/schemas/Scalar'}
            name: {type: string}
            brand: {type: integer, description: LeafLink brand id}
            category: {type: integer, description: LeafLink category id}
            subcategory: {type: integer, description: LeafLink sub-category id}
            license: {type: integer, description: LeafLink licence id}
            productLine: {type: integer, description: LeafLink product line id}
        AssociateCustomer:
          type: object
          required: [customer, company]
          properties:
            customer: {$ref: '#/components/schemas/Scalar', description: LeafLink customer id or name.}
            company: {type: string, description: Distru company id or name.}
        DeleteSalesOrder:
          type: object
          required: [salesOrder, reject]
          properties:
            salesOrder: {type: string, description: SO id or number, or its LeafLink order.}
            reject: {type: boolean, description: true rejects the LeafLink order; false keeps it.}
        SalesOrderRef:
          type: object
          required: [salesOrder]
          properties:
            salesOrder: {type: string, description: SO id or number, or its LeafLink order.}
        MetrcMatch:
          type: object
          required: [salesOrder, transfer, lines]
          properties:
            salesOrder: {type: string, description: SO id or number, or its LeafLink order.}
            transfer: {$ref: '#/components/schemas/Scalar', description: The Metrc transfer's Id or manifest number.}
            lines:
              type: object
              description: "Package labels per SO line, every line at least one: keys are Distru item ids or 1-based line positions."
              additionalProperties:
                type: array
                items: {type: string}
        ErrorRef:
          type: object
          required: [id]
          properties:
            id: {type: string}
        Retry:
          type: object
          properties:
            key: {type: string, description: The command's key.}
            failed: {type: boolean, description: true retries every failed command.}
        Person:
          type: object
          properties:
            id: {type: string}
            name: {type: string}
            email: {type: [string, "null"]}
        SettingRows:
          type: array
          items:
            type: object
            properties:
              key: {type: string}
              value: {type: string}
        RepRows:
          type: array
          items:
            type: object
            properties:
              rep: {$ref: '#/components/schemas/Person'}
              active: {type: boolean}
              mapped: {oneOf: [{$ref: '#/components/schemas/Person'}, {type: "null"}]}
              suggested: {oneOf: [{$ref: '#/components/schemas/Person'}, {type: "null"}]}
        Suggestion:
          type: object
          properties:
            distruProduct: {type: string}
            distruName: {type: string}
            leafLinkProduct: {type: string}
            leafLinkName: {type: string}
            score: {type: integer}
            reason: {type: string}
        SuggestionRows:
          type: array
          items: {$ref: '#/components/schemas/Suggestion'}
        ProductRows:
          type: array
          items:
            type: object
            properties:
              side: {type: string, enum: [distru, leaflink]}
              id: {type: string}
              name: {type: string}
              sku: {type: [string, "null"]}
              suggestion: {oneOf: [{$ref: '#/components/schemas/Suggestion'}, {type: "null"}]}
        CustomerRows:
          type: array
          items:
            type: object
            properties:
              id: {type: string}
              name: {type: string}
              license: {type: [string, "null"]}
              companyID: {type: [string, "null"]}
              companyName: {type: [string, "null"]}
        Order:
          type: object
          properties:
            number: {type: string}
            shortID: {type: [string, "null"]}
            status: {type: string}
            customer: {type: [string, "null"]}
            phase: {type: string, enum: [notSynced, blocked, creating, synced, unsynced]}
            salesOrderID: {type: [string, "null"]}
            salesOrderNumber: {type: [string, "null"]}
            blockers: {type: array, items: {type: string}}
        OrderRows:
          type: array
          items: {$ref: '#/components/schemas/Order'}
        OrderDetail:
          allOf:
            - {$ref: '#/components/schemas/Order'}
            - type: object
              properties:
                decisions: {type: array, items: {type: string}}
                errors: {$ref: '#/components/schemas/ErrorRows'}
        ErrorRows:
          type: array
          items:
            type: object
            properties:
              id: {type: string}
              subject: {type: string}
              rule: {type: string}
              message: {type: string}
              fix: {type: string}
              opened: {type: string, format: date-time}
              resolved: {type: [string, "null"], format: date-time}
    """#
