import SluiceTerminal

/// One key binding, declared once: the keys, where they work, what the hint bar and the help
/// overlay say about them, and what they do. Dispatch, hints and help are all read from the
/// table of these in `KeyMap`, so a key cannot work without being documented, or the reverse.
public struct KeyBinding: Sendable {
  /// A short entry for the hint bar at the foot of the screen.
  public struct Hint: Sendable {
    public let keys: String
    public let text: String
  }

  public let keys: [Key]
  /// The keys as the help overlay names them.
  public let label: String
  public let scopes: [KeyScope]
  /// Shown in the hint bar; nil leaves the binding to the help overlay alone.
  public let hint: Hint?
  public let help: String
  public let action: KeyAction

  init(
    _ keys: [Key], _ label: String, in scopes: [KeyScope], hint: (String, String)? = nil,
    help: String, does action: KeyAction
  ) {
    self.keys = keys
    self.label = label
    self.scopes = scopes
    self.hint = hint.map { Hint(keys: $0.0, text: $0.1) }
    self.help = help
    self.action = action
  }
}

/// What a key does. The screens' update functions act on these, never on raw keys.
public enum KeyAction: Sendable, Equatable {
  case up, down, pageUp, pageDown, first, last
  case startFilter, clearFilter, open, toggle, mark, markAll, reload, undo
  case openQueue, help, quit, back
  case edit, cycle, externalEditor, jump, queueForm, discard
  case apply, applyAll, drop, rebase
  case accept, cancel, clearText, deleteText, complete, command
  case confirm, decline
}

/// Where a binding applies: a screen, or a mode within one. Exactly one is active at a time.
public enum KeyScope: Sendable, CaseIterable {
  case list, filter, form, field, jump, queue, dialog, code, command

  /// How the help overlay heads this scope's keys.
  var title: String {
    switch self {
    case .list: "In the list"
    case .filter: "While typing a filter"
    case .form: "In a form"
    case .field: "While editing a field"
    case .jump: "While typing a field name after /"
    case .queue: "In the queue"
    case .dialog: "In a question"
    case .code: "While typing an MFA code"
    case .command: "On the : command line"
    }
  }

  /// What typing does in scopes that take text: characters no binding claims are typed.
  var typing: String? {
    switch self {
    case .filter: "type to filter"
    case .jump: "type a field name"
    case .field: ""
    case .code: "type the code"
    case .command: ":profile NAME  :region NAME  :q"
    case .list, .form, .queue, .dialog: nil
    }
  }
}
