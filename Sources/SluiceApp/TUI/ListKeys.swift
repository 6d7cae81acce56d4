import SluiceModel
import SluiceTerminal

extension AppState {
  mutating func handleListKey(_ key: Key) -> [Effect] {
    if list.editingFilter { return handleFilterKey(key) }
    switch key {
    case .up, .character("k"): list.move(by: -1, height: listHeight)
    case .down, .character("j"): list.move(by: 1, height: listHeight)
    case .pageUp: list.move(by: -listHeight, height: listHeight)
    case .pageDown: list.move(by: listHeight, height: listHeight)
    case .home, .character("g"): list.move(by: -list.visible.count, height: listHeight)
    case .end, .character("G"): list.move(by: list.visible.count, height: listHeight)
    case .character("/"): list.setEditingFilter(true)
    case .escape: if !list.filter.isEmpty { list.setFilter("") }
    case .enter: if let mapping = selectedMapping { openForm(mapping) }
    case .character("p"):
      if !marked.isEmpty {
        askToToggleMarked()
      } else if let mapping = selectedMapping {
        askToToggle(mapping)
      }
    case .character(" "): toggleMark()
    case .character("*"): markAllVisible()
    case .character("r"): return refresh()
    case .character("u"): return askForUndo()
    case .character("Q"): screen = .queue(QueueState())
    case .character("?"): showingHelp = true
    case .character("q"): askToQuit()
    default: break
    }
    return []
  }

  private mutating func handleFilterKey(_ key: Key) -> [Effect] {
    switch key {
    case .enter: list.setEditingFilter(false)
    case .escape:
      list.setEditingFilter(false)
      list.setFilter("")
    case .backspace: if !list.filter.isEmpty { list.setFilter(String(list.filter.dropLast())) }
    case .control("u"): list.setFilter("")
    case .up, .down, .pageUp, .pageDown:
      list.setEditingFilter(false)
      return handleListKey(key)
    default: if let character = key.text { list.setFilter(list.filter + String(character)) }
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
