import SluiceModel
import SluiceTerminal

extension AppState {
  /// A key on the list page: the list moves and filters itself; the rest acts on the mappings.
  mutating func listKey(_ action: KeyAction?, _ key: Key) -> [Effect] {
    if list.update(action, key: key, height: listHeight) { return [] }
    switch action {
    case .open: if let mapping = selectedMapping { openForm(mapping) }
    case .toggle:
      if !marked.isEmpty {
        askToToggleMarked()
      } else if let mapping = selectedMapping {
        askToToggle(mapping)
      }
    case .mark: toggleMark()
    case .markAll: markAllVisible()
    case .reload: return refresh()
    case .undo: return askForUndo()
    case .openQueue: page = .queue(QueueState())
    case .help: help = 0
    case .command: command = CommandPrompt()
    case .quit: askToQuit()
    default: break
    }
    return []
  }

  var selectedMapping: EventSourceMapping? {
    guard list.visible.indices.contains(list.selection) else { return nil }
    return mappings[list.visible[list.selection]]
  }

  mutating func refresh() -> [Effect] {
    guard !loading else { return [] }
    mappings = []
    list.refilter(mappings)
    loading = true
    return [.load]
  }

  mutating func askToQuit() {
    guard !queue.isEmpty else {
      wantsToQuit = true
      return
    }
    confirm(
      Dialog(
        title: "Quit",
        lines: [
          "\(queue.count) queued edit\(queue.count == 1 ? " has" : "s have") not been applied.",
          "Quit anyway?",
        ],
        confirmLabel: "Quit", action: .quit))
  }
}
