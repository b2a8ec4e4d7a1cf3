/// The admin API's OpenAPI 3.1 document, served at `GET /openapi.yaml`. Written by hand next to
/// the routes (`AdminAPI+Routes.swift`); `AdminAPITests` checks that each names the same operations.
let openAPIDocument = #"""
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
paths:
  /admin/v1/settings:
    get:
      operationId: listSettings
      summary: "Every setting and its value (R-SET)."
      responses:
        '200': {$ref: '#/components/responses/SettingRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
    patch:
      operationId: setSettings
      summary: "Change settings: the body's members are the keys `leafsync settings set` takes (syncPrices, orderPollSeconds, statusMapping.Backorder, ...), values as text."
      requestBody: {$ref: '#/components/requestBodies/SettingsChange'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/users:
    get:
      operationId: listUsers
      summary: "Each LeafLink rep with its mapped Distru user and, while unmapped, the suggested one (same e-mail) (R-USR-01)."
      responses:
        '200': {$ref: '#/components/responses/RepRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/users/map:
    post:
      operationId: mapUser
      summary: "Map a Distru user (id or e-mail) to a LeafLink rep (id or e-mail)."
      requestBody: {$ref: '#/components/requestBodies/MapUser'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/users/unmap:
    post:
      operationId: unmapUser
      summary: "Undo a mapping, naming the Distru user or the rep."
      requestBody: {$ref: '#/components/requestBodies/UserRef'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/products/unlinked:
    get:
      operationId: listUnlinkedProducts
      summary: "Unlinked products on both sides, each with its suggested match (R-PRD-03)."
      responses:
        '200': {$ref: '#/components/responses/ProductRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/products/suggestions:
    get:
      operationId: listSuggestions
      summary: "Suggested links, all or those of one product."
      parameters:
        - name: product
          in: query
          required: false
          description: A product on either side (id or SKU).
          schema: {type: string}
      responses:
        '200': {$ref: '#/components/responses/SuggestionRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/products/link:
    post:
      operationId: linkProduct
      summary: "Link a Distru product to a LeafLink product (ids or SKUs) (R-PRD-01)."
      requestBody: {$ref: '#/components/requestBodies/LinkProduct'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/products/unlink:
    post:
      operationId: unlinkProduct
      summary: "Unlink a product named on either side (R-PRD-09)."
      requestBody: {$ref: '#/components/requestBodies/ProductRef'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/products/accept:
    post:
      operationId: acceptSuggestion
      summary: "Accept the suggested link of a product (R-PRD-03)."
      requestBody: {$ref: '#/components/requestBodies/ProductRef'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/products/create-in-leaflink:
    post:
      operationId: createInLeafLink
      summary: "Create a LeafLink product from a Distru product (R-PRD-05)."
      requestBody: {$ref: '#/components/requestBodies/CreateInLeafLink'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/customers:
    get:
      operationId: listCustomers
      summary: "Each LeafLink customer with its Distru company (R-CUS)."
      responses:
        '200': {$ref: '#/components/responses/CustomerRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/customers/associate:
    post:
      operationId: associateCustomer
      summary: "Set a LeafLink customer's Distru company (R-CUS-05)."
      requestBody: {$ref: '#/components/requestBodies/AssociateCustomer'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/orders:
    get:
      operationId: listOrders
      summary: "Each LeafLink order with its sync state, SO and blockers."
      responses:
        '200': {$ref: '#/components/responses/OrderRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/orders/{order}:
    get:
      operationId: showOrder
      summary: "One order: its sync, the engine's decisions and its open errors."
      parameters:
        - name: order
          in: path
          required: true
          description: The LeafLink order number or short id.
          schema: {type: string}
      responses:
        '200': {$ref: '#/components/responses/OrderDetail'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/sales-orders/delete:
    post:
      operationId: deleteSalesOrder
      summary: "Delete a synced Distru SO, rejecting or keeping its LeafLink order (R-UPD-04)."
      requestBody: {$ref: '#/components/requestBodies/DeleteSalesOrder'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/errors:
    get:
      operationId: listErrors
      summary: "The open sync errors (all with all=true) (R-ERR)."
      parameters:
        - name: all
          in: query
          required: false
          description: "true: resolved errors too."
          schema: {type: string}
      responses:
        '200': {$ref: '#/components/responses/ErrorRows'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/errors/resolve:
    post:
      operationId: resolveError
      summary: "Resolve an error by retrying its failed command (R-ERR-03); other errors answer 422 with their fix."
      requestBody: {$ref: '#/components/requestBodies/ErrorRef'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
  /admin/v1/retry:
    post:
      operationId: retryCommand
      summary: "Send a failed command again, or every failed command (R-ERR-03)."
      requestBody: {$ref: '#/components/requestBodies/Retry'}
      responses:
        '200': {$ref: '#/components/responses/Recorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '422': {$ref: '#/components/responses/Invalid'}
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
components:
  securitySchemes:
    adminToken:
      type: http
      scheme: bearer
      description: The service's admin token (LEAFSYNC_ADMIN_TOKEN).
  requestBodies:
    SettingsChange:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/SettingsChange'}
    MapUser:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/MapUser'}
    UserRef:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/UserRef'}
    LinkProduct:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/LinkProduct'}
    ProductRef:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/ProductRef'}
    CreateInLeafLink:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/CreateInLeafLink'}
    AssociateCustomer:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/AssociateCustomer'}
    DeleteSalesOrder:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/DeleteSalesOrder'}
    ErrorRef:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/ErrorRef'}
    Retry:
      required: true
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Retry'}
  responses:
    SettingRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/SettingRows'}
    Recorded:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Recorded'}
    RepRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/RepRows'}
    ProductRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/ProductRows'}
    SuggestionRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/SuggestionRows'}
    CustomerRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/CustomerRows'}
    OrderRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/OrderRows'}
    OrderDetail:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/OrderDetail'}
    ErrorRows:
      description: OK
      content:
        application/json:
          schema: {$ref: '#/components/schemas/ErrorRows'}
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
      required: [product]
      properties:
        product: {$ref: '#/components/schemas/Scalar'}
        name: {type: string}
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
