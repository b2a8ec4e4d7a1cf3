public import DistruAPI
import Foundation
public import HTTPClientSupport
public import LeafLinkAPI
public import LeafSyncDomain
public import LeafSyncJSON
import Logging

/// Turns a ``Command`` into calls on the remote it names, and says what came of it.
///
/// Every write is **exactly once in effect**: a command can be sent again after a crash between
/// the remote effect and its outcome event, so each write either is idempotent by itself (PATCH,
/// an upsert under our id) or first reads whether it already happened (an SO under our
/// deterministic id, an LL product with the draft's SKU, an LL payment carrying the command
/// key, an order already at the transition's target) and adopts what it finds.
///
/// A remote this process has no client for is `skipped`, not failed: the command stays pending
/// until a process that can reach the remote sends it.
public struct CommandExecutor: Sendable {
    public var leafLink: LeafLinkClient?
    public var distru: DistruClient?
    /// Creates Metrc templates (R-MTC-01) for the configured shipping licence.
    public var metrc: MetrcWrites?
    /// Runs `fetchRecord` and `poll` commands.
    public var fetches: FetchRouter?
    /// Delivers `sendErrorEmail` commands.
    public var mail: ErrorMailer?

    public init(
        leafLink: LeafLinkClient? = nil, distru: DistruClient? = nil, metrc: MetrcWrites? = nil, fetches: FetchRouter? = nil,
        mail: ErrorMailer? = nil
    ) {
        self.leafLink = leafLink
        self.distru = distru
        self.metrc = metrc
        self.fetches = fetches
        self.mail = mail
    }

    /// Executes one attempt of `command`. Never throws: every error becomes a failure outcome.
    public func execute(_ command: Command) async -> CommandOutcome {
        do {
            return try await attempt(command)
        } catch let error as APIError {
            return .failed(AttemptFailure(error))
        } catch let failure as AttemptFailure {
            return .failed(failure)
        } catch is CancellationError {
            return .skipped(reason: "cancelled before an answer arrived; it is sent again at the next start")
        } catch {
            return .failed(AttemptFailure(kind: "internal", message: "\(error)", retryable: true))
        }
    }

    private func attempt(_ command: Command) async throws -> CommandOutcome {
        switch command.action {
        case .createSalesOrder, .updateSalesOrder, .setSalesOrderStatus, .completeSalesOrder, .deleteSalesOrder, .setDistruSalePrice:
            guard let distru else { return .skipped(reason: "Distru is not configured in this process") }
            return .succeeded(response: try await DistruWrites(client: distru).execute(command.action))
        case .createLeafLinkProduct, .updateLeafLinkProduct, .pushLeafLinkInventory, .postLeafLinkPayment, .transitionLeafLinkOrder,
            .setLeafLinkShipDate, .setLeafLinkExternalIDs:
            guard let leafLink else { return .skipped(reason: "LeafLink is not configured in this process") }
            return .succeeded(response: try await LeafLinkWrites(client: leafLink).execute(command.action, key: command.key))
        case .createMetrcTemplate:
            guard let metrc else { return .skipped(reason: "Metrc is not configured in this process") }
            return .succeeded(response: try await metrc.execute(command.action))
        case .fetchRecord, .poll:
            guard let fetches else { return .skipped(reason: "no fetchers in this process") }
            return try await fetches.execute(command.action)
        case .sendErrorEmail(let email):
            guard let mail else { return .skipped(reason: "no mail delivery configured in this process") }
            return .succeeded(response: try await mail.send(email, key: command.key))
        }
    }
}
