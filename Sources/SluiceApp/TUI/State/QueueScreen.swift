import SluiceModel

extension AppState {
  /// A key on the queue page: moving is the page's own; the rest acts on the queue.
  mutating func queueKey(_ action: KeyAction?, _ state: inout QueueState) -> [Effect] {
    if state.update(action, count: queue.count, height: listHeight) { return [] }
    switch action {
    case .drop: drop(at: state.selection, &state)
    case .apply:
      guard queue.indices.contains(state.selection) else { break }
      askToApply(queue[state.selection])
    case .rebase: rebase(at: state.selection)
    case .applyAll: askToApplyAll()
    case .help: help = 0
    case .back: page = .list
    default: break
    }
    return []
  }

  private mutating func drop(at index: Int, _ state: inout QueueState) {
    guard queue.indices.contains(index) else { return }
    let dropped = queue.remove(at: index)
    queueErrors[dropped.mapping.uuid] = nil
    conflicts[dropped.mapping.uuid] = nil
    state.selection = min(index, max(0, queue.count - 1))
    message = Message(
      text: "Dropped the edit to \(MappingSummary.functionName(dropped.mapping)).", kind: .info)
  }

  private mutating func askToApply(_ draft: Draft) {
    let count = draft.updateBody.count
    confirm(
      Dialog(
        title: "Apply edit",
        lines: [
          "Send \(count) change\(count == 1 ? "" : "s") to \(MappingSummary.functionName(draft.mapping))?",
          "PUT \(QueueState.requestPath(draft))",
        ], confirmLabel: "Apply", action: .apply(uuids: [draft.mapping.uuid])))
  }

  private mutating func rebase(at index: Int) {
    guard queue.indices.contains(index), let conflict = conflicts[queue[index].mapping.uuid]
    else { return }
    let uuid = conflict.remote.uuid
    queue[index] = conflict.rebased(queue[index])
    conflicts[uuid] = nil
    queueErrors[uuid] = nil
    message = Message(text: "Rebased on the mapping as AWS has it now; ⏎ applies it.", kind: .info)
  }

  private mutating func askToApplyAll() {
    guard !queue.isEmpty else { return }
    let names = Set(queue.map { MappingSummary.functionName($0.mapping) }).sorted()
    confirm(
      Dialog(
        title: "Apply all edits",
        lines: [
          "Send \(queue.count) edit\(queue.count == 1 ? "" : "s") to: \(names.joined(separator: ", "))?",
          "Each mapping is updated with its own request.",
        ], confirmLabel: "Apply all", action: .apply(uuids: queue.map(\.mapping.uuid))))
  }
}
