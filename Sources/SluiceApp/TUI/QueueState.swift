import SluiceModel
import SluiceTerminal

/// The queue screen: which pending edit is selected.
public struct QueueState: Sendable {
  public internal(set) var selection = 0
}

extension AppState {
  mutating func handleQueueKey(_ key: Key, _ state: inout QueueState) -> [Effect] {
    switch key {
    case .up, .character("k"): state.selection = max(0, state.selection - 1)
    case .down, .character("j"): state.selection = min(max(0, queue.count - 1), state.selection + 1)
    case .character("d"):
      guard queue.indices.contains(state.selection) else { break }
      let dropped = queue.remove(at: state.selection)
      queueErrors[dropped.mapping.uuid] = nil
      conflicts[dropped.mapping.uuid] = nil
      state.selection = min(state.selection, max(0, queue.count - 1))
      message = Message(
        text: "Dropped the edit to \(MappingSummary.functionName(dropped.mapping)).", kind: .info)
    case .enter:
      guard queue.indices.contains(state.selection) else { break }
      let draft = queue[state.selection]
      confirm(
        Dialog(
          title: "Apply edit",
          lines: [
            "Send \(draft.updateBody.count) change\(draft.updateBody.count == 1 ? "" : "s") to \(MappingSummary.functionName(draft.mapping))?",
            "PUT \(LambdaPaths.update(draft.mapping.uuid))",
          ], confirmLabel: "Apply", action: .apply(uuids: [draft.mapping.uuid])))
    case .character("R"):
      guard queue.indices.contains(state.selection),
        let conflict = conflicts[queue[state.selection].mapping.uuid]
      else { break }
      let uuid = conflict.remote.uuid
      queue[state.selection] = conflict.rebased(queue[state.selection])
      conflicts[uuid] = nil
      queueErrors[uuid] = nil
      message = Message(
        text: "Rebased on the mapping as AWS has it now; ⏎ applies it.", kind: .info)
    case .character("A"):
      guard !queue.isEmpty else { break }
      let names = Set(queue.map { MappingSummary.functionName($0.mapping) }).sorted()
      confirm(
        Dialog(
          title: "Apply all edits",
          lines: [
            "Send \(queue.count) edit\(queue.count == 1 ? "" : "s") to: \(names.joined(separator: ", "))?",
            "Each mapping is updated with its own request.",
          ], confirmLabel: "Apply all", action: .apply(uuids: queue.map(\.mapping.uuid))))
    case .character("?"): showingHelp = true
    case .escape, .character("q"): screen = .list
    default: break
    }
    return []
  }
}

/// The request path an update goes to, as shown before sending.
enum LambdaPaths {
  static func update(_ uuid: String) -> String {
    "/2015-03-31/event-source-mappings/" + uuid
  }
}
