import Foundation
import SluiceClient
import SluiceModel
import SluiceTerminal
import SluiceTestSupport
import Testing

@testable import SluiceApp

/// Random key sequences against the state machine, with every effect run on the demo backend and
/// its answer fed back, as the runtime does. After every key the invariants must hold: the
/// selection stays in range, nothing is sent without a y to a question that said so, queued edits
/// never disappear without a word, and Sluice never quits over queued edits without asking.
///
/// `SLUICE_FUZZ_KEYS` sets the number of keys (the suite runs a short sequence).
struct KeySequencePropertyTests {
  static let keyCount = Int(ProcessInfo.processInfo.environment["SLUICE_FUZZ_KEYS"] ?? "") ?? 4000

  static let keys: [Key] =
    [
      .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace,
      .delete, .tab, .backTab, .control("u"),
    ] + "jjjjkkgG/pppyyyYnNqQAdRuwwxe? **rr0123456789-fnoq".map { .character($0) }

  /// One run of the TUI without a terminal: the real effect runner on the demo backend, with a
  /// clock that does not wait, an "editor" that gives the text back or fails, and a state
  /// directory of its own. Half the runs find an earlier queue in the journal to restore.
  final class Run {
    let runner: EffectRunner
    private let inbox = Inbox()

    init(demo: DemoBackend, state directory: StateDirectory, earlierQueue: Bool) async {
      let context = AppStateTests.context
      if earlierQueue,
        let earlier = try? await demo.listAll(functionName: nil, eventSourceArn: nil) { _ in }.first
      {
        let journal = directory.journal(
          profile: context.profile, region: context.region, account: DemoData.account)
        try? journal.save([Draft(mapping: earlier, changes: ["BatchSize": 9])])
      }
      let recorder = ChangeRecorder(
        service: demo, log: directory.auditLog, profile: context.profile, region: context.region,
        warn: { _ in })
      runner = EffectRunner(
        recorder: recorder,
        journal: QueueKeeper(
          stateDirectory: directory, profile: context.profile, region: context.region),
        clock: WaitClock(now: Date.init, sleep: { _ in }), settleLimit: 5,
        editText: { $0.count % 2 == 0 ? $0 : nil })
    }

    /// Runs an effect to its end and returns every event it posted, in order.
    func answer(_ effect: Effect) async -> [AppEvent] {
      let inbox = self.inbox
      await runner.start(effect) { inbox.post($0) }?.value
      return inbox.drain()
    }
  }

  static func sends(_ effect: Effect) -> Bool {
    switch effect {
    case .update, .apply: true
    default: false
    }
  }

  func checkInvariants(
    after key: Key, before: AppState, now state: AppState, effects: [Effect], step: Int
  ) {
    let list = state.list
    if list.visible.isEmpty {
      #expect(list.selection == 0, "step \(step)")
    } else {
      #expect(
        list.visible.indices.contains(list.selection),
        "step \(step): selection \(list.selection) of \(list.visible.count)")
      #expect(
        list.offset <= list.selection && list.selection < list.offset + state.listHeight,
        "step \(step)")
    }
    if effects.contains(where: Self.sends) {
      #expect(
        before.dialog?.action.isChange == true
          && (key == .character("y") || key == .character("Y")),
        "step \(step): a change went out without a confirmation")
    }
    let lost = Set(before.queue.map(\.mapping.uuid)).subtracting(state.queue.map(\.mapping.uuid))
    if !lost.isEmpty {
      let said = state.message?.text ?? ""
      #expect(
        said.hasPrefix("Dropped") || said.hasPrefix("Nothing to queue"),
        "step \(step): an edit left the queue silently")
    }
    if state.wantsToQuit && !before.queue.isEmpty {
      #expect(before.dialog?.action == .quit, "step \(step): quit over queued edits without asking")
    }
  }

  @Test func randomKeysKeepEveryInvariant() async throws {
    var random = SplitMix(state: 0xC0FFEE)
    let demo = DemoBackend(mappings: 40, transitionSeconds: 0, pageSeconds: 0)
    let scratch = ScratchState()
    var run = await Run(demo: demo, state: scratch.directory, earlierQueue: true)
    var state = AppState(context: AppStateTests.context)
    var pending = AppState.startup
    var sent = 0
    var quits = 0
    var restoreOffers = 0
    for step in 0..<Self.keyCount {
      // The runner answers what the last key asked for; answers may ask for more.
      var rounds = 0
      while !pending.isEmpty && rounds < 8 {
        let effects = pending
        pending = []
        for effect in effects {
          if Self.sends(effect) { sent += 1 }
          for event in await run.answer(effect) {
            pending += handle(event, in: &state, step: step)
          }
        }
        rounds += 1
      }
      if case .restore = state.dialog?.action { restoreOffers += 1 }
      if state.journalOpen, let failure = run.runner.journal.save(state.queue) {
        Issue.record("step \(step): \(failure)")
      }
      if state.wantsToQuit {
        quits += 1
        run = await Run(
          demo: demo, state: scratch.directory, earlierQueue: Bool.random(using: &random))
        state = AppState(context: AppStateTests.context)
        pending = AppState.startup
        continue
      }
      let key = Self.keys.randomElement(using: &random)!
      let before = state
      let effects = state.handle(.key(key))
      checkInvariants(after: key, before: before, now: state, effects: effects, step: step)
      pending += effects
      if Int.random(in: 0..<50, using: &random) == 0 {
        let size = [(24, 80), (40, 120), (10, 40), (30, 100)].randomElement(using: &random)!
        pending += state.handle(.resized(rows: size.0, columns: size.1))
      }
    }
    // The sequence must have reached the interesting places, or it proves little.
    #expect(sent > 0 && quits > 0 && restoreOffers > 0)
    #expect(try scratch.directory.auditLog.read().records.count > 0)
  }

  /// Feeds one event to the state; only an answer for a mapping may take that mapping's edit out
  /// of the queue.
  private func handle(_ event: AppEvent, in state: inout AppState, step: Int) -> [Effect] {
    let before = state.queue.map(\.mapping.uuid)
    let effects = state.handle(event)
    let gone = Set(before).subtracting(state.queue.map(\.mapping.uuid))
    switch event {
    case .updated(let mapping), .alreadyApplied(let mapping):
      #expect(gone.isSubset(of: [mapping.uuid]), "step \(step)")
    default: #expect(gone.isEmpty, "step \(step): \(event) removed a queued edit")
    }
    return effects
  }
}
