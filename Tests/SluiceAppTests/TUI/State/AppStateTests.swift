import Foundation
import SluiceModel
import SluiceTerminal
import Testing

@testable import SluiceApp

/// The TUI's state machine, driven by events alone: no terminal, no network.
struct AppStateTests {
  static let context = AppState.Context(
    profile: "prod", region: "us-east-1", endpointHost: "lambda.us-east-1.amazonaws.com",
    readOnly: false, demo: false)

  /// A state with the demo account's mappings loaded.
  static func loaded(readOnly: Bool = false) -> AppState {
    var context = Self.context
    context.readOnly = readOnly
    var state = AppState(context: context)
    let documents = DemoData.mappings(count: 32, now: Date(timeIntervalSince1970: 1_764_316_800))
    _ = state.handle(.page(documents.prefix(20).map { try! EventSourceMapping(document: $0) }))
    _ = state.handle(.page(documents.dropFirst(20).map { try! EventSourceMapping(document: $0) }))
    _ = state.handle(.loaded)
    return state
  }

  @discardableResult
  static func type(_ keys: [Key], into state: inout AppState) -> [Effect] {
    keys.flatMap { state.handle(.key($0)) }
  }

  static func text(_ string: String) -> [Key] { string.map { .character($0) } }

  @Test func pagesArriveAndLoadingEnds() {
    var state = AppState(context: Self.context)
    #expect(state.loading)
    #expect(AppState.startup.first == .load)
    let state2 = Self.loaded()
    #expect(state2.mappings.count == 32 && !state2.loading)
    #expect(state2.list.visible.count == 32)
    _ = state.handle(.loadFailed("AccessDeniedException: no"))
    #expect(state.message?.kind == .error && !state.loading)
  }

  @Test func filterAsYouTypeKeepAndClear() {
    var state = Self.loaded()
    Self.type([.character("/")] + Self.text("kinesis"), into: &state)
    #expect(state.list.editingFilter)
    #expect(state.list.visible.allSatisfy { state.mappings[$0].sourceKind == .kinesis })
    #expect(state.list.visible.count == state.mappings.filter { $0.sourceKind == .kinesis }.count)
    #expect(!state.list.visible.isEmpty)
    Self.type([.enter], into: &state)
    #expect(!state.list.editingFilter && state.list.filter == "kinesis")
    Self.type([.escape], into: &state)
    #expect(state.list.filter.isEmpty && state.list.visible.count == 32)
    Self.type([.character("/")] + Self.text("problem"), into: &state)
    #expect(
      state.list.visible.allSatisfy {
        state.mappings[$0].lastProcessingResult?.hasPrefix("PROBLEM") == true
      })
    Self.type([.escape], into: &state)
    #expect(state.list.filter.isEmpty)
  }

  @Test func movementStaysInRangeAndScrolls() {
    var state = Self.loaded()
    Self.type([.up, .character("k")], into: &state)
    #expect(state.list.selection == 0)
    Self.type([.character("G")], into: &state)
    #expect(state.list.selection == 31)
    #expect(state.list.offset == 32 - state.listHeight)
    Self.type([.pageUp, .character("g")], into: &state)
    #expect(state.list.selection == 0 && state.list.offset == 0)
    Self.type([.pageDown], into: &state)
    #expect(state.list.selection == state.listHeight)
  }

  @Test func pauseAsksFirstAndCancelsByDefault() {
    var state = Self.loaded()
    Self.type([.character("p")], into: &state)
    let dialog = try! #require(state.dialog)
    #expect(dialog.title == "Pause mapping")
    #expect(dialog.lines[0] == "Stop orders-worker reading from SQS orders?")
    #expect(Self.type([.enter], into: &state).isEmpty)
    #expect(state.dialog == nil)
    Self.type([.character("p")], into: &state)
    #expect(Self.type([.escape], into: &state).isEmpty)
    Self.type([.character("p")], into: &state)
    let effects = Self.type([.character("y")], into: &state)
    let uuid = state.mappings[0].uuid
    #expect(effects == [.update(uuid: uuid, body: ["Enabled": false])])
    #expect(state.sending.contains(uuid))
  }

  @Test func settlingIsFollowed() {
    var state = Self.loaded()
    let uuid = state.mappings[0].uuid
    var document = state.mappings[0].document
    document["State"] = "Disabling"
    let effects = state.handle(.updated(try! EventSourceMapping(document: document)))
    #expect(effects == [.follow(uuid: uuid)])
    document["State"] = "Disabled"
    #expect(state.handle(.refreshed(try! EventSourceMapping(document: document))).isEmpty)
    #expect(state.mappings[0].state == "Disabled")
    Self.type([.character("p")], into: &state)
    #expect(state.dialog?.title == "Resume mapping")
  }

  @Test func readOnlyRefusesEveryChange() {
    var state = Self.loaded(readOnly: true)
    Self.type([.character("p")], into: &state)
    #expect(state.dialog == nil)
    #expect(state.message?.text.hasPrefix("READ-ONLY") == true)
    Self.type(
      [.enter, .character("/")] + Self.text("batchsize") + [.enter, .enter, .control("u")]
        + Self.text("5") + [.enter, .character("w")], into: &state)
    #expect(state.queue.isEmpty)
    #expect(state.message?.text.hasPrefix("READ-ONLY") == true)
  }

  @Test func formEditsAreValidatedLiveAndQueueingIsRefusedWhileAnErrorStands() throws {
    var state = Self.loaded()
    Self.type([.enter], into: &state)
    guard case .form = state.page else { Issue.record("no form"); return }
    Self.type([.character("/")] + Self.text("batchsize") + [.enter], into: &state)
    var form = try #require(Self.form(state))
    #expect(form.focused.path == "BatchSize")
    Self.type([.enter], into: &state)
    #expect(Self.form(state)?.editor == "10")
    Self.type([.control("u")] + Self.text("50"), into: &state)
    form = try #require(Self.form(state))
    #expect(form.findings(for: form.focused).map(\.rule) == ["sqs-batch-window"])
    Self.type(Self.text("x"), into: &state)
    #expect(
      Self.form(state)?.findings(for: form.focused).first?.message
        == "BatchSize takes a whole number")
    Self.type([.enter], into: &state)
    #expect(state.message?.kind == .error)
    #expect(Self.form(state)?.editor == "50x")
    Self.type([.backspace, .enter, .character("w")], into: &state)
    #expect(state.queue.isEmpty)
    #expect(state.message?.text.hasPrefix("Not queued: BatchSize") == true)
    Self.type(
      [.down, .enter, .control("u")] + Self.text("2") + [.enter, .character("w")], into: &state)
    #expect(state.queue.count == 1)
    #expect(state.queue[0].updateBody == ["BatchSize": 50, "MaximumBatchingWindowInSeconds": 2])
    guard case .list = state.page else { Issue.record("expected the list"); return }
  }

  @Test func booleansAndChoicesCycle() throws {
    var state = Self.loaded()
    Self.type(
      [.down, .down, .enter, .character("/")] + Self.text("bisect") + [.enter], into: &state)
    #expect(Self.form(state)?.focused.path == "BisectBatchOnFunctionError")
    Self.type([.character(" ")], into: &state)
    #expect(Self.form(state)?.draft.updateBody == ["BisectBatchOnFunctionError": true])
    Self.type([.enter], into: &state)
    #expect(Self.form(state)?.draft.updateBody.isEmpty == true)
  }

  @Test func leavingAFormWithUnqueuedChangesAsks() {
    var state = Self.loaded()
    Self.type([.enter, .down, .character(" ")], into: &state)
    Self.type([.escape], into: &state)
    #expect(state.dialog?.action == .leaveForm)
    Self.type([.character("n")], into: &state)
    guard case .form = state.page else { Issue.record("left the form"); return }
    Self.type([.escape, .character("y")], into: &state)
    guard case .list = state.page else { Issue.record("still in the form"); return }
  }

  @Test func applyingSendsEachQueuedBodyAndKeepsFailures() throws {
    var state = Self.loaded()
    // The first two rows of the list, read before anything is queued.
    let first = state.mappings[state.list.visible[0]].uuid
    let second = state.mappings[state.list.visible[1]].uuid
    // pause via the form
    Self.type([.enter, .down, .character(" "), .character("w")], into: &state)
    Self.type(
      [.down, .enter, .character("/")] + Self.text("batchsize") + [.enter, .enter, .control("u")]
        + Self.text("5") + [.enter, .character("w")], into: &state)
    #expect(state.queue.count == 2)
    Self.type([.character("Q"), .character("A")], into: &state)
    #expect(state.dialog?.title == "Apply all edits")
    let effects = Self.type([.character("y")], into: &state)
    #expect(effects.map(\.appliedUUID) == [first, second])
    #expect(effects == state.queue.map { .apply($0) })
    #expect(state.queue.map(\.updateBody) == [["Enabled": false], ["BatchSize": 5]])
    #expect(state.queue.map(\.mapping.uuid) == [first, second])
    _ = state.handle(.updateFailed(uuid: second, message: "InvalidParameterValueException: nope"))
    var applied = state.queue[0].mapping.document
    applied["State"] = "Disabled"
    // The last answer for the queue triggers a quiet reload of the whole list.
    #expect(state.handle(.updated(try EventSourceMapping(document: applied))) == [.reload])
    #expect(state.queue.map(\.mapping.uuid) == [second])
    #expect(state.queueErrors[second] == "InvalidParameterValueException: nope")
    Self.type([.character("d")], into: &state)
    #expect(state.queue.isEmpty && state.queueErrors.isEmpty)
  }

  @Test func quittingWithQueuedEditsAsks() {
    var state = Self.loaded()
    Self.type([.enter, .down, .character(" "), .character("w"), .character("q")], into: &state)
    #expect(state.dialog?.action == .quit && !state.wantsToQuit)
    Self.type([.character("y")], into: &state)
    #expect(state.wantsToQuit)
    var empty = Self.loaded()
    Self.type([.character("q")], into: &empty)
    #expect(empty.wantsToQuit)
  }

  @Test func helpOpensAndAnyKeyClosesIt() {
    var state = Self.loaded()
    Self.type([.character("?")], into: &state)
    #expect(state.help == 0)
    #expect(Self.type([.character("p")], into: &state).isEmpty)
    #expect(state.help == nil && state.dialog == nil)
  }

  @Test func refreshReloads() {
    var state = Self.loaded()
    #expect(Self.type([.character("r")], into: &state) == [.load])
    #expect(state.mappings.isEmpty && state.loading)
    #expect(Self.type([.character("r")], into: &state).isEmpty)
  }

  @Test func markedRowsArePausedTogetherWithProgress() throws {
    var state = Self.loaded()
    Self.type([.character(" "), .character(" "), .character(" ")], into: &state)
    #expect(state.marked.count == 3)
    #expect(state.list.selection == 3)
    Self.type([.character("p")], into: &state)
    let dialog = try #require(state.dialog)
    #expect(dialog.title == "Pause marked mappings")
    #expect(
      dialog.lines[0] == "Pause 3 mappings of orders-worker, orders-sequencer, clicks-aggregator?")
    let effects = Self.type([.character("y")], into: &state)
    let uuids = state.mappings.prefix(3).map(\.uuid)
    #expect(effects == uuids.map { .update(uuid: $0, body: ["Enabled": false]) })
    #expect(state.message?.text == "Pausing 0 of 3…")
    var first = state.mappings[0].document
    first["State"] = "Disabling"
    _ = state.handle(.updated(try EventSourceMapping(document: first)))
    #expect(state.message?.text == "Pausing 1 of 3…")
    _ = state.handle(.updateFailed(uuid: uuids[1], message: "ThrottlingException: slow down"))
    var third = state.mappings[2].document
    third["State"] = "Disabling"
    _ = state.handle(.updated(try EventSourceMapping(document: third)))
    #expect(
      state.message?.text
        == "Paused 2 of 3; failed: orders-sequencer (ThrottlingException: slow down)")
    #expect(state.marked == [uuids[1]])
    #expect(state.bulk == nil && state.queueErrors.isEmpty)
  }

  @Test func markAllFollowsTheFilterAndResumesWhenAllArePaused() throws {
    var state = Self.loaded()
    Self.type([.character("/")] + Self.text("disabled") + [.enter, .character("*")], into: &state)
    let paused = state.mappings.filter { !$0.isEnabled }.map(\.uuid)
    #expect(!paused.isEmpty && state.marked == Set(paused))
    Self.type([.character("p")], into: &state)
    #expect(state.dialog?.title == "Resume marked mappings")
    Self.type([.character("n"), .character("*")], into: &state)
    #expect(state.marked.isEmpty)
  }

  @Test func reloadsQuietlyKeepingTheSelection() throws {
    var state = Self.loaded()
    Self.type([.down, .down], into: &state)
    let selected = try #require(state.selectedMapping)
    #expect(state.handle(.refreshDue) == [.reload])
    #expect(state.handle(.refreshDue).isEmpty)
    var changed = selected.document
    changed["State"] = "Disabled"
    let fresh =
      [try EventSourceMapping(document: changed)]
      + state.mappings.filter { $0.uuid != selected.uuid }
    _ = state.handle(.reloaded(fresh))
    #expect(state.selectedMapping?.uuid == selected.uuid)
    #expect(state.selectedMapping?.state == "Disabled")
    #expect(state.list.selection == 0)
    #expect(state.handle(.refreshDue) == [.reload])
    var loading = AppState(context: Self.context)
    #expect(loading.handle(.refreshDue).isEmpty)
  }

  @Test func aTransitionThatDoesNotSettleIsReported() {
    var state = Self.loaded()
    _ = state.handle(.settleTimedOut(uuid: state.mappings[0].uuid, state: "Disabling", seconds: 90))
    #expect(
      state.message
        == AppState.Message(
          text: "orders-worker is still Disabling after 90 s; r reloads the list.", kind: .error))
  }

  @Test func aConflictHoldsTheEditBackUntilRebasedOrDropped() throws {
    var state = Self.loaded()
    Self.type(
      [.enter, .character("/")] + Self.text("batchsize") + [.enter, .enter, .control("u")]
        + Self.text("5") + [.enter, .character("w"), .character("Q"), .enter, .character("y")],
      into: &state)
    let draft = state.queue[0]
    var remoteDocument = draft.mapping.document
    remoteDocument["BatchSize"] = 8
    let conflict = try #require(
      Conflict(draft: draft, remote: try EventSourceMapping(document: remoteDocument)))
    _ = state.handle(.conflicted(conflict))
    #expect(state.queue.count == 1 && state.conflicts[draft.mapping.uuid] != nil)
    #expect(
      state.message?.text == "Not sent: BatchSize changed on AWS. R rebases the edit, d drops it.")
    #expect(state.mappings[0].batchSize == 8)
    let lines = RendererTests.render(state).lines
    #expect(lines.contains("   BatchSize  base 10  AWS now 8  mine 5"))
    Self.type([.character("R")], into: &state)
    #expect(state.conflicts.isEmpty && state.queue[0].before["BatchSize"] == 8)
    #expect(state.queue[0].updateBody == ["BatchSize": 5])
    Self.type([.enter], into: &state)
    #expect(Self.type([.character("y")], into: &state) == [.apply(state.queue[0])])
  }

  static func form(_ state: AppState) -> FormState? {
    if case .form(let form) = state.page { return form }
    return nil
  }
}

extension Effect {
  /// The mapping an `.apply` effect sends an edit to.
  var appliedUUID: String? {
    if case .apply(let draft) = self { return draft.mapping.uuid }
    return nil
  }
}
