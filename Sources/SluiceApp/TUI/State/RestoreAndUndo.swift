import SluiceModel

extension AppState {
  /// Asks whether to put back the edits an earlier run left queued. Nothing is offered when the
  /// journal was empty; the queue is journaled from now on either way.
  mutating func offerRestore(_ drafts: [Draft], savedAt: String) {
    guard !drafts.isEmpty else {
      journalOpen = true
      return
    }
    let names = Set(drafts.map { MappingSummary.functionName($0.mapping) }).sorted()
    let offer = Dialog(
      title: "Restore queued edits",
      lines: [
        "\(drafts.count) edit\(drafts.count == 1 ? " is" : "s are") waiting in this account's saved queue (saved \(savedAt)):",
        names.joined(separator: ", "),
        "y puts them back in the queue; each is checked against AWS before it is sent.",
        "n sets them aside in a file; nothing is lost.",
      ], confirmLabel: "Restore", action: .restore(drafts))
    if dialog == nil { dialog = offer } else { restoreOffer = offer }
  }

  /// The operator's answer to the restore offer.
  mutating func answerRestore(_ drafts: [Draft], restore: Bool) -> [Effect] {
    journalOpen = true
    guard restore else { return [.setJournalAside] }
    let fresh = drafts.filter { queued($0.mapping.uuid) == nil }
    queue += fresh
    message = Message(
      text: "Restored \(fresh.count) queued edit\(fresh.count == 1 ? "" : "s"); Q shows the queue.",
      kind: .info)
    return []
  }

  /// `u` on a mapping: look up the last change the audit log holds for it.
  mutating func askForUndo() -> [Effect] {
    guard let mapping = selectedMapping else { return [] }
    message = Message(text: "Looking up the last change to this mapping…", kind: .info)
    return [.undo(uuid: mapping.uuid)]
  }

  /// Queues the inverse of a recorded change and shows it in the queue, for review like any edit.
  mutating func queueUndo(_ draft: Draft, madeAt: String, changedSince: [String]) {
    let name = MappingSummary.functionName(draft.mapping)
    guard queued(draft.mapping.uuid) == nil else {
      message = Message(
        text: "An edit to \(name) is already queued: apply or drop it before undoing.",
        kind: .error)
      return
    }
    guard !draft.updateBody.isEmpty else {
      message = Message(
        text: "\(name) already has the values from before the change at \(madeAt).", kind: .info)
      return
    }
    queue.append(draft)
    var selection = QueueState()
    selection.selection = queue.count - 1
    page = .queue(selection)
    let overwritten =
      changedSince.isEmpty
      ? ""
      : " Changed again since: \(changedSince.joined(separator: ", ")); undoing overwrites that."
    message = Message(
      text: "Queued the undo of the change at \(madeAt).\(overwritten) ⏎ applies it after a y.",
      kind: changedSince.isEmpty ? .info : .error)
  }
}
