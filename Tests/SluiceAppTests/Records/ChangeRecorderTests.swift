import Foundation
import SluiceClient
import SluiceModel
import Testing

@testable import SluiceApp

struct ChangeRecorderTests {
  @Test func recordsAcceptedAndFailedChangesWithIdentityAskedOnce() async throws {
    let scratch = ScratchState()
    let service = CountingService()
    let recorder = ChangeRecorder(
      service: service, log: scratch.directory.auditLog, profile: "prod", region: "us-east-1",
      now: { Date(timeIntervalSince1970: 1_764_316_800) }, warn: { _ in })
    let mappings = try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }
    let first = mappings[0]
    let accepted = try sent(try await recorder.change(first.uuid, ["BatchSize": 7]))
    #expect(accepted.requestId != nil)
    await #expect(throws: AWSServiceError.self) {
      _ = try await recorder.change(mappings[1].uuid, ["BatchSize": -4])
    }
    let (records, _) = try scratch.directory.auditLog.read()
    #expect(records.map(\.result) == [.accepted, .failed])
    #expect(
      records[0].changes == [
        .init(field: "BatchSize", before: first.document["BatchSize"], after: 7)
      ])
    #expect(records[0].requestId == accepted.requestId)
    #expect(records[0].account == DemoData.account && records[0].caller.hasSuffix(":user/demo"))
    #expect(records[0].time == "2025-11-28T08:00:00.000Z" && records[0].profile == "prod")
    #expect(records[1].error?.contains("InvalidParameterValueException") == true)
    #expect(await service.identityCalls == 1)
  }

  @Test func anUnknownCallerNeverBlocksAChange() async throws {
    let scratch = ScratchState()
    let service = CountingService(identityFails: true)
    let recorder = ChangeRecorder(
      service: service, log: scratch.directory.auditLog, profile: "p", region: "r", warn: { _ in })
    let mapping = try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }[0]
    _ = try sent(try await recorder.change(mapping.uuid, ["Enabled": false]))
    let record = try #require(try scratch.directory.auditLog.read().records.first)
    #expect(record.account == "unknown" && record.caller == "unknown")
    guard case .failure(let unknown) = await recorder.identity() else {
      Issue.record("identity should be unknown")
      return
    }
    #expect(unknown.reason.contains("AccessDenied"))
  }

  @Test func bulkChangesSkipMappingsThatAlreadyHoldTheValues() async throws {
    let scratch = ScratchState()
    let service = CountingService()
    let recorder = ChangeRecorder(
      service: service, log: scratch.directory.auditLog, profile: "p", region: "r", warn: { _ in })
    let mappings = try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }
    let enabled = mappings.filter(\.isEnabled).map(\.uuid)
    let disabled = mappings.filter { !$0.isEnabled }.map(\.uuid)
    #expect(!enabled.isEmpty && !disabled.isEmpty)
    let outcomes = await recorder.sendMany(
      ["Enabled": false], to: enabled + disabled + ["missing"], concurrency: 3)
    #expect(outcomes.map(\.uuid) == enabled + disabled + ["missing"])
    let unchanged = outcomes.filter {
      if case .success(.alreadyHeld) = $0.result { true } else { false }
    }
    #expect(unchanged.map(\.uuid) == disabled)
    #expect(outcomes.last.map { if case .failure = $0.result { true } else { false } } == true)
    #expect(try scratch.directory.auditLog.read().records.map(\.uuid).sorted() == enabled.sorted())
  }

  @Test func aLogThatCannotBeWrittenWarnsButTheChangeStands() async throws {
    let service = CountingService()
    let warnings = Warnings()
    let recorder = ChangeRecorder(
      service: service, log: AuditLog(path: "/proc/sluice-cannot-write/audit.jsonl"), profile: "p",
      region: "r",
      warn: { warnings.add($0) })
    let mapping = try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }[0]
    _ = try sent(try await recorder.change(mapping.uuid, ["BatchSize": 3]))
    #expect(try await service.get(mapping.uuid).batchSize == 3)
    #expect(warnings.all.count == 1 && warnings.all[0].contains("audit log was not written"))
  }
}

extension ChangeRecorderTests {
  /// The record's "before" is the mapping read just before the change, not the caller's copy.
  @Test func theBeforeIsReadJustBeforeTheChange() async throws {
    let scratch = ScratchState()
    let service = CountingService()
    let recorder = ChangeRecorder(
      service: service, log: scratch.directory.auditLog, profile: "p", region: "r", warn: { _ in })
    let stale = try await service.listAll(functionName: nil, eventSourceArn: nil) { _ in }[0]
    // Someone else changes the batch size after our copy was read.
    _ = try await service.update(stale.uuid, body: ["BatchSize": 8], settleTimeout: 1)
    _ = try sent(try await recorder.apply(Draft(mapping: stale, changes: ["Enabled": false])))
    let record = try #require(try scratch.directory.auditLog.read().records.first)
    #expect(record.changes.map(\.field) == ["Enabled"])
    // A draft that sends the field someone else changed is held back, and nothing is recorded.
    let outcome = try await recorder.apply(Draft(mapping: stale, changes: ["BatchSize": 5]))
    guard case .conflicted(let conflict) = outcome else {
      Issue.record("expected a conflict, got \(outcome)")
      return
    }
    #expect(conflict.fields.map(\.member) == ["BatchSize"] && conflict.remote.batchSize == 8)
    #expect(try scratch.directory.auditLog.read().records.count == 1)
    #expect(try await service.get(stale.uuid).batchSize == 8)
  }
}

/// The accepted update of a change that was sent; throws for any other outcome.
func sent(_ outcome: ChangeOutcome) throws -> AcceptedUpdate {
  guard case .sent(let accepted) = outcome else { throw Unexpected(outcome: outcome) }
  return accepted
}

struct Unexpected: Error {
  let outcome: ChangeOutcome
}

final class Warnings: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  var all: [String] { lock.withLock { items } }
  func add(_ text: String) { lock.withLock { items.append(text) } }
}
