import Foundation
import SluiceClient
import SluiceModel

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

  /// Reads the mapping as AWS has it now, then sends what `draft` still changes and records it.
  ///
  /// The one rule for every change, from the TUI and the subcommands alike: the "before" of a
  /// record is the mapping read just before the change, never a list row or an earlier read. A
  /// field the draft sends that changed on AWS since the draft's base holds the change back.
  public func apply(_ draft: Draft, settleTimeout: Double = 60) async throws -> ChangeOutcome {
    try await readThenSend(draft.mapping.uuid, settleTimeout: settleTimeout) { _ in draft }
  }

  /// Reads the mapping, then sends `body` on top of what AWS has now (a pause or a resume).
  public func change(
    _ uuid: String, _ body: [String: JSONValue], settleTimeout: Double = 60
  ) async throws -> ChangeOutcome {
    try await readThenSend(uuid, settleTimeout: settleTimeout) { remote in
      Draft(mapping: remote, changes: body)
    }
  }

  private func readThenSend(
    _ uuid: String, settleTimeout: Double, draft: (EventSourceMapping) -> Draft
  ) async throws -> ChangeOutcome {
    let before = try await service.get(uuid)
    switch ApplyCheck(draft: draft(before), remote: before) {
    case .conflict(let conflict): return .conflicted(conflict)
    case .alreadyApplied: return .alreadyHeld(before)
    case .send(let body):
      return .sent(try await send(body, to: before, settleTimeout: settleTimeout))
    }
  }

  /// Sends `body` and records the change against `before`.
  private func send(
    _ body: [String: JSONValue], to before: EventSourceMapping, settleTimeout: Double
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

/// What came of a change once the mapping had been read again.
public enum ChangeOutcome: Sendable {
  /// AWS accepted the update.
  case sent(AcceptedUpdate)
  /// AWS already held every value (an earlier run, or someone else, made the change): nothing
  /// was sent, and nothing recorded.
  case alreadyHeld(EventSourceMapping)
  /// A field the change sends was changed on AWS since the change was based: nothing was sent.
  case conflicted(Conflict)
}
