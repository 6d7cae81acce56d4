import Foundation
import SluiceClient
import SluiceModel
import SluiceTerminal

/// Sends changes and writes each to the audit log: the one path every change takes, from the TUI
/// and the subcommands alike, so none can skip the record.
///
/// The caller identity is asked for once per run, on the first change (or when the TUI starts),
/// and reused; the client answers from the identity memory when it knows the access key. A failure
/// to identify never blocks a change: the record says `unknown` instead.
public final class ChangeRecorder: Sendable {
  public let service: MappingService
  public let log: AuditLog
  let profile: String
  let region: String
  private let identityCache = IdentityCache()
  /// Told when a record could not be written (the change itself went through).
  private let warn: @Sendable (String) -> Void
  private let now: @Sendable () -> Date

  public init(
    service: MappingService, log: AuditLog, profile: String, region: String,
    now: @escaping @Sendable () -> Date = Date.init,
    warn: @escaping @Sendable (String) -> Void
  ) {
    self.service = service
    self.log = log
    self.profile = profile
    self.region = region
    self.now = now
    self.warn = warn
  }

  /// Who the credentials belong to, or why STS would not say.
  public func identity() async -> Result<CallerIdentity, IdentityUnknown> {
    await identityCache.value { try await self.service.callerIdentity() }
  }

  /// Sends `body` to the mapping and records the change against `before`, the mapping as it was
  /// read just before.
  public func send(
    _ body: [String: JSONValue], to before: EventSourceMapping, settleTimeout: Double = 60
  ) async throws -> AcceptedUpdate {
    // Ask STS while the update is in flight, so the record does not wait for it afterwards.
    Task { _ = await identity() }
    do {
      let accepted = try await service.update(
        before.uuid, body: body, settleTimeout: settleTimeout)
      await record(body, before: before, result: .accepted, requestId: accepted.requestId)
      return accepted
    } catch {
      // Read-only mode refused it before anything left the machine: nothing to record.
      if let refused = error as? ClientError, case .readOnly = refused { throw error }
      await record(
        body, before: before, result: .failed,
        error: DisplayText.singleLine(String(describing: error)),
        requestId: (error as? AWSServiceError)?.requestId)
      throw error
    }
  }

  private func record(
    _ body: [String: JSONValue], before: EventSourceMapping, result: AuditRecord.Result,
    error: String? = nil, requestId: String?
  ) async {
    let who = await identity()
    let record = AuditRecord(
      time: AuditRecord.timestamp(now()), profile: profile, region: region,
      account: (try? who.get().account) ?? "unknown",
      caller: (try? who.get().arn) ?? "unknown",
      uuid: before.uuid, function: MappingSummary.functionName(before),
      changes: AuditRecord.changes(body: body, before: Draft(mapping: before).before),
      result: result, error: error, requestId: requestId)
    do {
      try log.append(record)
    } catch {
      warn("The audit log was not written: \(error)")
    }
  }
}

/// Why the caller identity is not known.
public struct IdentityUnknown: Error, CustomStringConvertible {
  public let reason: String
  public var description: String { "caller identity unknown: \(reason)" }
}

/// Asks once; every later caller gets the same answer.
private actor IdentityCache {
  private var answer: Task<Result<CallerIdentity, IdentityUnknown>, Never>?

  func value(_ ask: @escaping @Sendable () async throws -> CallerIdentity) async
    -> Result<CallerIdentity, IdentityUnknown>
  {
    if let answer { return await answer.value }
    let task = Task {
      do {
        return Result<CallerIdentity, IdentityUnknown>.success(try await ask())
      } catch {
        return .failure(IdentityUnknown(reason: DisplayText.singleLine(String(describing: error))))
      }
    }
    answer = task
    return await task.value
  }
}

extension ChangeRecorder {
  /// How one mapping of a bulk change went.
  public struct Outcome: Sendable {
    public let uuid: String
    public let result: Result<AcceptedUpdate, Error>
    /// The mapping already held the values, so nothing was sent (and nothing recorded).
    public let unchanged: Bool
  }

  /// Sends the same body to many mappings, `concurrency` at a time. A mapping not in `known` is
  /// read first, so its record has true before-values; one already holding the values is skipped.
  public func sendMany(
    _ body: [String: JSONValue], to uuids: [String], known: [String: EventSourceMapping] = [:],
    concurrency: Int = 8, onOutcome: (Outcome) -> Void = { _ in }
  ) async -> [Outcome] {
    await boundedConcurrently(
      uuids, limit: concurrency,
      { uuid in
        do {
          let before: EventSourceMapping
          if let mapping = known[uuid] {
            before = mapping
          } else {
            before = try await self.service.get(uuid)
          }
          guard !Draft(mapping: before, changes: body).updateBody.isEmpty else {
            return Outcome(
              uuid: uuid, result: .success(AcceptedUpdate(mapping: before, requestId: nil)),
              unchanged: true)
          }
          return Outcome(
            uuid: uuid, result: .success(try await self.send(body, to: before)), unchanged: false)
        } catch {
          return Outcome(uuid: uuid, result: .failure(error), unchanged: false)
        }
      }, onOutput: onOutcome)
  }
}
