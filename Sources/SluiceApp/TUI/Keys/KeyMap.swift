import SluiceTerminal

/// Every key binding of the TUI, in the order the hint bar and the help overlay list them.
enum KeyMap {
  static let lists: [KeyScope] = [.list, .form, .queue]
  static let bindings: [KeyBinding] =
    movement + list + form + editing + commandLine + queue + everywhere + dialog

  static let movement: [KeyBinding] = [
    KeyBinding(
      [.up, .character("k")], "↑ k", in: lists, hint: ("↑↓", "move"), help: "up one row",
      does: .up),
    KeyBinding([.down, .character("j")], "↓ j", in: lists, help: "down one row", does: .down),
    KeyBinding([.pageUp], "PgUp", in: lists, help: "up one screen", does: .pageUp),
    KeyBinding([.pageDown], "PgDn", in: lists, help: "down one screen", does: .pageDown),
    KeyBinding([.home, .character("g")], "g Home", in: lists, help: "to the top", does: .first),
    KeyBinding([.end, .character("G")], "G End", in: lists, help: "to the bottom", does: .last),
  ]

  static let list: [KeyBinding] = [
    KeyBinding(
      [.character("/")], "/", in: [.list], hint: ("/", "filter"),
      help: "filter the rows as you type: function, source, UUID, state, kind, problem text",
      does: .startFilter),
    KeyBinding(
      [.enter], "⏎", in: [.list], hint: ("⏎", "open"), help: "open the mapping's form",
      does: .open),
    KeyBinding(
      [.character("p")], "p", in: [.list], hint: ("p", "pause/resume"),
      help: "pause or resume the mapping, or every marked one, after a y/n question",
      does: .toggle),
    KeyBinding(
      [.character(" ")], "space", in: [.list], hint: ("␣", "mark"),
      help: "mark or unmark the row, for a bulk pause or resume", does: .mark),
    KeyBinding(
      [.character("*")], "*", in: [.list], hint: ("*", "mark all"),
      help: "mark every row the filter shows (again: unmark them)", does: .markAll),
    KeyBinding(
      [.character("u")], "u", in: [.list],
      help: "queue the undo of the last change Sluice made to the mapping, for review",
      does: .undo),
    KeyBinding(
      [.character("r")], "r", in: [.list], help: "load every mapping again", does: .reload),
    KeyBinding(
      [.character(":")], ":", in: [.list],
      help: "the command line: :profile NAME or :region NAME switches the session, :q quits",
      does: .command),
    KeyBinding([.escape], "Esc", in: [.list], help: "clear the filter", does: .clearFilter),
  ]

  static let form: [KeyBinding] = [
    KeyBinding(
      [.enter], "⏎", in: [.form], hint: ("⏎", "edit"),
      help: "edit the field; yes/no and choices cycle in place", does: .edit),
    KeyBinding(
      [.character(" ")], "space", in: [.form], help: "cycle a yes/no or choice field", does: .cycle),
    KeyBinding(
      [.character("e")], "e", in: [.form], hint: ("e", "$EDITOR"),
      help: "edit a JSON or text value in $EDITOR", does: .externalEditor),
    KeyBinding(
      [.character("/")], "/", in: [.form], hint: ("/", "jump"),
      help: "jump to the first field whose name contains the text", does: .jump),
    KeyBinding(
      [.character("w")], "w", in: [.form], hint: ("w", "queue edit"),
      help: "queue the form's changes (refused while an error stands)", does: .queueForm),
    KeyBinding(
      [.character("x")], "x", in: [.form], hint: ("x", "discard"),
      help: "discard the changes made since the last queueing", does: .discard),
    KeyBinding(
      [.character("p")], "p", in: [.form], hint: ("p", "pause"),
      help: "pause or resume this mapping, after a y/n question", does: .toggle),
  ]

  static let editing: [KeyBinding] = [
    KeyBinding(
      [.enter], "⏎", in: [.filter, .field, .jump, .code, .command], hint: ("⏎", "accept"),
      help: "keep the text: the filter, the value, the jump, or send the MFA code", does: .accept),
    KeyBinding(
      [.escape], "Esc", in: [.filter, .field, .jump, .code, .command], hint: ("Esc", "cancel"),
      help: "cancel (a filter is cleared; a cancelled MFA code fails the request)", does: .cancel),
    KeyBinding(
      [.backspace], "Backspace", in: [.filter, .field, .jump, .code, .command],
      help: "delete the last character", does: .deleteText),
    KeyBinding(
      [.control("u")], "Ctrl-U", in: [.filter, .field, .code, .command], hint: ("Ctrl-U", "clear"),
      help: "clear the text", does: .clearText),
    KeyBinding(
      [.up, .down, .pageUp, .pageDown], "↑↓ PgUp PgDn", in: [.filter],
      help: "stop typing and move in the list", does: .accept),
  ]

  static let commandLine: [KeyBinding] = [
    KeyBinding(
      [.tab], "Tab", in: [.command], hint: ("Tab", "complete"),
      help: "complete the command, the profile or the region", does: .complete),
    KeyBinding([.up], "↑", in: [.command], help: "the command before", does: .up),
    KeyBinding([.down], "↓", in: [.command], help: "the command after", does: .down),
  ]

  static let queue: [KeyBinding] = [
    KeyBinding(
      [.enter], "⏎", in: [.queue], hint: ("⏎", "apply this"),
      help: "apply the selected edit, after a y/n question", does: .apply),
    KeyBinding(
      [.character("A")], "A", in: [.queue], hint: ("A", "apply all"),
      help: "apply every queued edit, each with its own request", does: .applyAll),
    KeyBinding(
      [.character("d")], "d", in: [.queue], hint: ("d", "drop"), help: "drop the selected edit",
      does: .drop),
    KeyBinding(
      [.character("R")], "R", in: [.queue], hint: ("R", "rebase"),
      help: "rebase an edit held back by a conflict on the mapping as AWS has it now",
      does: .rebase),
  ]

  static let everywhere: [KeyBinding] = [
    KeyBinding(
      [.character("Q")], "Q", in: [.list, .form], hint: ("Q", "queue"),
      help: "the queue: every pending edit with its diff and exact request", does: .openQueue),
    KeyBinding(
      [.escape, .character("q")], "Esc q", in: [.form, .queue], hint: ("Esc", "back"),
      help: "back to the list (asks when the form has changes not queued)", does: .back),
    KeyBinding(
      [.character("?")], "?", in: lists, hint: ("?", "help"),
      help: "this help; ↓ scrolls it, any other key closes it", does: .help),
    KeyBinding(
      [.character("q")], "q", in: [.list], hint: ("q", "quit"),
      help: "quit (asks first while edits are queued)", does: .quit),
  ]

  static let dialog: [KeyBinding] = [
    KeyBinding(
      [.character("y"), .character("Y")], "y", in: [.dialog], hint: ("y", "confirm"),
      help: "yes: go ahead", does: .confirm),
    KeyBinding(
      [.character("n"), .character("N"), .escape, .enter, .character("q")], "n Esc ⏎ q",
      in: [.dialog], hint: ("n", "cancel"), help: "no: nothing happens (the default)",
      does: .decline),
  ]

  /// The action of a key in a scope; the first binding that claims the key wins.
  static func action(for key: Key, in scope: KeyScope) -> KeyAction? {
    bindings.first { $0.scopes.contains(scope) && $0.keys.contains(key) }?.action
  }

  /// The bindings of a scope, in table order.
  static func bindings(in scope: KeyScope) -> [KeyBinding] {
    bindings.filter { $0.scopes.contains(scope) }
  }

  /// The hint bar of a scope: what typing does, then each binding's hint.
  static func hints(in scope: KeyScope) -> String { hintBars[scope] ?? "" }

  /// Every scope's hint bar, built once: the renderer asks for one on every frame.
  private static let hintBars: [KeyScope: String] = Dictionary(
    uniqueKeysWithValues: KeyScope.allCases.map { scope in
      let typing = scope.typing.flatMap { $0.isEmpty ? nil : [$0] } ?? []
      let hints = bindings(in: scope).compactMap(\.hint).map { "\($0.keys) \($0.text)" }
      return (scope, (typing + hints).joined(separator: "  "))
    })
}
