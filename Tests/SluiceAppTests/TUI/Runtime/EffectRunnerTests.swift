import Foundation
import SluiceClient
import SluiceModel
import Testing

@testable import SluiceApp

struct EffectRunnerTests {
  /// A runner on the demo backend with a clock that moves only when the runner sleeps.
  final class Rig: @unchecked Sendable {
    let scratch = ScratchState()
    let demo: DemoBackend
    let runner: EffectRunner

    init(transitionSeconds: Double = 0) {
      let start = Date(timeIntervalSince1970: 1_764_316_800)
      let box = SleptBox()
      demo = DemoBackend(
        mappings: 8, transitionSeconds: transitionSeconds, pageSeconds: 0,
        now: { start.addingTimeInterval(box.total) })
      let recorder = ChangeRecorder(
        service: demo, log: scratch.directory.auditLog, profile: "p", region: "r", warn: { _ in })
      runner = EffectRunner(
        recorder: recorder,
        journal: QueueKeeper(stateDirectory: scratch.directory, profile: "p", region: "r"),
        clock: WaitClock(now: { start.addingTimeInterval(box.total) }, sleep: { box.add($0) }),
        settleLimit: 5, editText: { "edited " + $0 })
    }

    func run(_ effect: Effect) async -> [AppEvent] {
      let inbox = Inbox()
      await runner.start(effect) { inbox.post($0) }?.value
      return inbox.drain()
    }
  }

  /// A TUI pause records the mapping as it was read just before the change, not the list row.
  @Test func aChangeRecordsTheMappingReadJustBeforeIt() async throws {
    let rig = Rig()
    let row = try await rig.demo.listAll(functionName: nil, eventSourceArn: nil) { _ in }[0]
    _ = try await rig.demo.update(row.uuid, body: ["BatchSize": 8], settleTimeout: 1)
    let events = await rig.run(.update(uuid: row.uuid, body: ["BatchSize": 9]))
    guard case .updated(let mapping)? = events.first else {
      Issue.record("expected .updated, got \(events)")
      return
    }
    #expect(mapping.batchSize == 9)
    let record = try #require(try rig.scratch.directory.auditLog.read().records.last)
    #expect(record.changes == [.init(field: "BatchSize", before: 8, after: 9)])
    // The same values again: nothing is sent, and the state machine hears so.
    let again = await rig.run(.update(uuid: row.uuid, body: ["BatchSize": 9]))
    guard case .alreadyApplied? = again.first else {
      Issue.record("expected .alreadyApplied, got \(again)")
      return
    }
    #expect(try rig.scratch.directory.auditLog.read().records.count == 1)
  }

  /// Following a mapping that never settles posts each reading, then says it has not settled
  /// once the limit has passed on the injected clock (no real waiting).
  @Test func followingGivesUpAtTheLimit() async throws {
    let rig = Rig(transitionSeconds: 3600)
    let row = try await rig.demo.listAll(functionName: nil, eventSourceArn: nil) { _ in }[0]
    _ = try await rig.demo.update(
      row.uuid, body: ["Enabled": .bool(!row.isEnabled)], settleTimeout: 1)
    let started = Date()
    let events = await rig.run(.follow(uuid: row.uuid))
    #expect(Date().timeIntervalSince(started) < 2)
    let readings = events.filter { if case .refreshed = $0 { true } else { false } }
    #expect(readings.count >= 3)
    guard case .settleTimedOut(let uuid, let state, let seconds)? = events.last else {
      Issue.record("expected .settleTimedOut last, got \(events)")
      return
    }
    #expect(uuid == row.uuid && seconds == 5 && MappingState(state).isTransitional)
  }

  /// The editor runs on the caller's thread, before `start` returns: no task to wait for.
  @Test func theEditorRunsBeforeStartReturns() {
    let rig = Rig()
    let inbox = Inbox()
    let task = rig.runner.start(.openEditor(text: "{}")) { inbox.post($0) }
    #expect(task == nil)
    guard case .edited(let text)? = inbox.drain().first else {
      Issue.record("expected .edited")
      return
    }
    #expect(text == "edited {}")
  }
}

/// Seconds a test clock has been told to sleep, shared by tasks.
final class SleptBox: @unchecked Sendable {
  private let lock = NSLock()
  private var seconds = 0.0
  var total: Double { lock.withLock { seconds } }
  func add(_ delta: Double) { lock.withLock { seconds += delta } }
}

extension EffectRunnerTests {
  /// The dialog prompt posts its question to the inbox and waits; the runner hands it the answer.
  @Test func anMFACodeTravelsFromTheQuestionToTheWaitingRequest() async throws {
    let prompt = DialogMFAPrompt()
    let inbox = Inbox()
    prompt.connect { inbox.post($0) }
    let rig = Rig()
    let runner = EffectRunner(
      recorder: rig.runner.recorder, journal: rig.runner.journal, mfa: prompt, editText: { $0 })
    let waiting = Task { try await prompt.code(profile: "ops", serial: "arn:mfa", refusal: nil) }
    let deadline = Date().addingTimeInterval(10)
    var asked: [AppEvent] = []
    while asked.isEmpty, Date() < deadline {
      asked = inbox.drain()
      try await Task.sleep(nanoseconds: 1_000_000)
    }
    guard case .mfaNeeded(let profile, let serial, nil)? = asked.first else {
      Issue.record("expected the question, got \(asked)")
      return
    }
    #expect(profile == "ops" && serial == "arn:mfa")
    #expect(runner.start(.answerMFA(code: "654321")) { _ in } == nil)
    #expect(try await waiting.value == "654321")
  }
}
