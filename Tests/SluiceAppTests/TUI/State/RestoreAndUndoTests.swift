import Foundation
import SluiceModel
import SluiceTerminal
import Testing

@testable import SluiceApp

/// The crash-safe queue and undo, as the state machine sees them.
struct RestoreAndUndoTests {
  static func drafts(_ state: AppState) -> [Draft] {
    Array(state.mappings.prefix(2)).map { Draft(mapping: $0, changes: ["BatchSize": 3]) }
  }

  @Test func startupAsksWhoWeAreAndThenOpensThatAccountsJournal() {
    #expect(AppState.startup == [.load, .identify])
    var state = AppStateTests.loaded()
    #expect(
      state.handle(.identified(account: "111122223333")) == [.openJournal(account: "111122223333")])
    #expect(state.account == "111122223333")
    #expect(state.handle(.identified(account: nil)) == [.openJournal(account: "unknown")])
    _ = state.handle(
      .identified(account: "1", caller: "arn:aws:sts::1:assumed-role/OpsAdmin/botocore-session-1"))
    #expect(state.role == "OpsAdmin")
    _ = state.handle(.identified(account: "1", caller: "arn:aws:iam::1:user/alice"))
    #expect(state.role == nil)
    #expect(!state.journalOpen)
    _ = state.handle(.journalFound(drafts: [], savedAt: ""))
    #expect(state.journalOpen && state.dialog == nil)
  }

  @Test func yRestoresTheEarlierQueueWithoutDuplicates() {
    var state = AppStateTests.loaded()
    let drafts = Self.drafts(state)
    AppStateTests.type([.enter], into: &state)
    guard case .form = state.page else {
      Issue.record("expected the form")
      return
    }
    _ = state.handle(.key(.escape))
    _ = state.handle(.journalFound(drafts: drafts, savedAt: "2026-11-28T10:00:00.000Z"))
    #expect(state.dialog?.title == "Restore queued edits")
    #expect(state.dialog?.lines.first?.contains("2 edits are waiting") == true)
    #expect(!state.journalOpen)
    #expect(state.handle(.key(.character("y"))).isEmpty)
    #expect(state.queue == drafts && state.journalOpen)
    #expect(state.message?.text.contains("Restored 2") == true)
  }

  @Test func anyOtherAnswerSetsTheJournalAsideAndKeepsTheQueueEmpty() {
    for key in [Key.character("n"), .escape, .enter] {
      var state = AppStateTests.loaded()
      _ = state.handle(.journalFound(drafts: Self.drafts(state), savedAt: "t"))
      #expect(state.handle(.key(key)) == [.setJournalAside])
      #expect(state.queue.isEmpty && state.journalOpen && state.dialog == nil)
    }
  }

  @Test func theOfferWaitsForAnOpenQuestion() {
    var state = AppStateTests.loaded()
    AppStateTests.type([.character("p")], into: &state)
    #expect(
      state.dialog?.title.hasPrefix("Pause") == true
        || state.dialog?.title.hasPrefix("Resume") == true)
    _ = state.handle(.journalFound(drafts: Self.drafts(state), savedAt: "t"))
    #expect(state.dialog?.title != "Restore queued edits")
    #expect(state.handle(.key(.character("n"))).isEmpty)
    #expect(state.dialog?.title == "Restore queued edits")
  }

  @Test func anEditAWSAlreadyHoldsLeavesTheQueueWithoutBeingSent() {
    var state = AppStateTests.loaded()
    let draft = Self.drafts(state)[0]
    _ = state.handle(.journalFound(drafts: [draft], savedAt: "t"))
    _ = state.handle(.key(.character("y")))
    var remote = draft.mapping.document
    remote["BatchSize"] = 3
    _ = state.handle(.alreadyApplied(try! EventSourceMapping(document: remote)))
    #expect(state.queue.isEmpty)
    #expect(
      state.message?.text.contains("already has these values on AWS: nothing was sent") == true)
  }

  @Test func uLooksUpTheLastChangeAndQueuesItsInverseForReview() {
    var state = AppStateTests.loaded()
    let selected = state.mappings[state.list.visible[state.list.selection]]
    #expect(AppStateTests.type([.character("u")], into: &state) == [.undo(uuid: selected.uuid)])
    let inverse = Draft(mapping: selected, changes: ["BatchSize": 77])
    _ = state.handle(.undoReady(inverse, madeAt: "2026-11-28T10:00:00.000Z", changedSince: []))
    #expect(state.queue == [inverse])
    guard case .queue(let queueState) = state.page else {
      Issue.record("the queue should show the undo")
      return
    }
    #expect(queueState.selection == 0)
    #expect(
      state.message?.text.contains("Queued the undo of the change at 2026-11-28T10:00:00.000Z")
        == true)
    _ = state.handle(.undoReady(inverse, madeAt: "t", changedSince: []))
    #expect(state.queue.count == 1 && state.message?.kind == .error)
  }

  @Test func anUndoWithNothingToChangeIsNotQueued() {
    var state = AppStateTests.loaded()
    let selected = state.mappings[0]
    _ = state.handle(.undoReady(Draft(mapping: selected), madeAt: "t", changedSince: []))
    #expect(state.queue.isEmpty && state.message?.text.contains("already has the values") == true)
    _ = state.handle(
      .undoReady(
        Draft(mapping: selected, changes: ["BatchSize": 1]), madeAt: "t",
        changedSince: ["BatchSize"]))
    #expect(state.message?.text.contains("Changed again since: BatchSize") == true)
  }
}
