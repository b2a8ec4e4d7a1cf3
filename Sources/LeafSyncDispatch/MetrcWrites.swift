import Foundation
public import HTTPClientSupport
public import LeafSyncDomain
import LeafSyncJSON
public import MetrcAPI

/// The Metrc half of ``CommandExecutor``: outgoing transfer templates (R-MTC-01), created for
/// the facility LeafSync ships from.
///
/// ```swift
/// let metrc = MetrcWrites(client: MetrcClient(configuration: config), license: "403R-00123")
/// let executor = CommandExecutor(leafLink: leafLink, distru: distru, metrc: metrc)
/// ```
///
/// A template create is not idempotent in Metrc, and a lost answer may hide one that was
/// created: each attempt first looks for a template named after the SO among the licence's
/// templates of the last day (``adoptionWindow``) and adopts it, so a retry never makes a
/// second one.
public struct MetrcWrites: Sendable {
    public var client: MetrcClient
    /// The shipping facility's licence number (`metrc.license`, `LEAFSYNC_METRC_LICENSE`): the
    /// templates are created under it, and its packages are the ones they can carry.
    public var license: String

    /// How far back an attempt looks for a template an earlier attempt created.
    public static let adoptionWindow: Duration = .seconds(24 * 3600)

    public init(client: MetrcClient, license: String) {
        self.client = client
        self.license = license
    }

    /// The answer the reducer reads: `{"Ids": [id], "Warnings": null}`, as Metrc answers a create.
    func execute(_ action: CommandAction) async throws -> JSONValue {
        guard case .createMetrcTemplate(let draft) = action else {
            throw AttemptFailure(kind: "invalidRequest", message: "not a Metrc command: \(action.name)", retryable: false)
        }
        var id = try await existingTemplate(named: draft.name)
        if id == nil { id = try await client.createOutgoingTemplate(Self.write(draft), licenseNumber: license) }
        return .object(["Ids": .array(id.map { [.int($0)] } ?? []), "Warnings": .null])
    }

    /// The id of the licence's active template called `name` changed within ``adoptionWindow``
    /// of Metrc's clock, if there is one.
    private func existingTemplate(named name: String) async throws -> Int? {
        let now = try await client.facilityLicenses().serverDate ?? .now
        let recent = try await client.outgoingTemplates(
            licenseNumber: license, from: now.moved(by: .zero - Self.adoptionWindow), to: now.moved(by: .seconds(60)))
        return recent.last { $0.value.name == name }?.value.id
    }

    /// The template body for `draft`: one destination (the SO's customer) with the SO's packages.
    static func write(_ draft: MetrcTemplateDraft) -> MetrcTemplateWrite {
        MetrcTemplateWrite(
            name: draft.name, transporterFacilityLicenseNumber: draft.transporterLicense, driverName: draft.driverName,
            destinations: [
                MetrcTemplateWrite.Destination(
                    recipientLicenseNumber: draft.recipientLicense, transferTypeName: draft.transferType,
                    invoiceNumber: draft.invoiceNumber,
                    estimatedDepartureDateTime: draft.estimatedDeparture, estimatedArrivalDateTime: draft.estimatedArrival,
                    packages: draft.packages.map {
                        MetrcTemplateWrite.Package(packageLabel: $0.label, wholesalePrice: $0.wholesalePrice?.amount)
                    })
            ])
    }
}
