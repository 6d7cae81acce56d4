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

  /// The effect's answer from the demo backend, as events.
  static func answer(_ effect: Effect, demo: DemoBackend, random: inout SplitMix) async
    -> [AppEvent]
  {
    switch effect {
    case .load, .reload:
      guard
        let all = try? await demo.listAll(functionName: nil, eventSourceArn: nil, onPage: { _ in })
      else {
        return [.loadFailed("demo")]
      }
      return effect == .load ? [.page(all), .loaded] : [.reloaded(all)]
    case .update(let uuid, let body):
      do {
        return [.updated(try await demo.update(uuid, body: body, settleTimeout: 1).mapping)]
      } catch {
        return [.updateFailed(uuid: uuid, message: "\(error)")]
      }
    case .apply(let draft):
      do {
        let remote = try await demo.get(draft.mapping.uuid)
        switch ApplyCheck(draft: draft, remote: remote) {
        case .conflict(let conflict): return [.conflicted(conflict)]
        case .alreadyApplied: return [.alreadyApplied(remote)]
        case .send(let body):
          return [
            .updated(try await demo.update(remote.uuid, body: body, settleTimeout: 1).mapping)
          ]
        }
      } catch {
        return [.updateFailed(uuid: draft.mapping.uuid, message: "\(error)")]
      }
    case .follow(let uuid):
      return (try? await demo.get(uuid)).map { [.refreshed($0)] } ?? []
    case .openEditor(let text):
      return [.edited(Bool.random(using: &random) ? text : nil)]
    case .identify: return [.identified(account: DemoData.account)]
    case .openJournal:
      // Half the runs start with an earlier queue to restore.
      let earlier = try? await demo.listAll(functionName: nil, eventSourceArn: nil) { _ in }.first
      guard let earlier, Bool.random(using: &random) else {
        return [.journalFound(drafts: [], savedAt: "")]
      }
      return [
        .journalFound(drafts: [Draft(mapping: earlier, changes: ["BatchSize": 9])], savedAt: "t")
      ]
    case .setJournalAside: return []
    case .undo(let uuid):
      guard let current = try? await demo.get(uuid) else { return [] }
      return [
        .undoReady(
          Draft(mapping: current, changes: ["BatchSize": 7]), madeAt: "t", changedSince: [])
      ]
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

  @Test func randomKeysKeepEveryInvariant() async {
    var random = SplitMix(state: 0xC0FFEE)
    let demo = DemoBackend(mappings: 40, transitionSeconds: 0, pageSeconds: 0)
    var state = AppState(context: AppStateTests.context)
    var pending = AppState.startup
    var sent = 0
    var quits = 0
    for step in 0..<Self.keyCount {
      // The backend answers what the last key asked for; answers may ask for more.
      var rounds = 0
      while !pending.isEmpty && rounds < 8 {
        let effects = pending
        pending = []
        for effect in effects {
          if Self.sends(effect) { sent += 1 }
          for event in await Self.answer(effect, demo: demo, random: &random) {
            let before = state.queue.map(\.mapping.uuid)
            pending += state.handle(event)
            let gone = Set(before).subtracting(state.queue.map(\.mapping.uuid))
            if case .updated(let mapping) = event {
              #expect(gone.isSubset(of: [mapping.uuid]))
            } else if case .alreadyApplied(let mapping) = event {
              #expect(gone.isSubset(of: [mapping.uuid]))
            } else {
              #expect(gone.isEmpty, "step \(step): \(event) removed a queued edit")
            }
          }
        }
        rounds += 1
      }
      if state.wantsToQuit {
        quits += 1
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
    #expect(sent > 0 && quits > 0)
  }
}
