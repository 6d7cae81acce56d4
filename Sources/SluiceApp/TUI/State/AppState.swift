import SluiceModel
import SluiceTerminal

/// The whole state of the TUI, as a value.
///
/// `handle(_:)` takes an event and returns the effects to run; rendering reads the state and
/// nothing else. That keeps every screen testable without a terminal.
public struct AppState: Sendable {
  /// Where the operator is, shown in the status bar before anything else.
  public struct Context: Sendable {
    public var profile: String
    public var region: String
    public var endpointHost: String
    public var readOnly: Bool
    public var demo: Bool
    /// Seconds between automatic reloads; nil turns them off (the default).
    public var refreshInterval: Double?
    /// The profiles and regions `:profile` and `:region` complete from and accept.
    public var profiles: [String] = []
    public var regions: [String] = []
    /// True when the session can be switched to another profile or region (not in the demo).
    public var canSwitch = false

    public init(
      profile: String, region: String, endpointHost: String, readOnly: Bool, demo: Bool,
      refreshInterval: Double? = nil
    ) {
      self.profile = profile
      self.region = region
      self.endpointHost = endpointHost
      self.readOnly = readOnly
      self.demo = demo
      self.refreshInterval = refreshInterval
    }
  }

  /// A line for the operator at the foot of the screen.
  public struct Message: Sendable, Equatable {
    public enum Kind: Sendable { case info, error }
    public var text: String
    public var kind: Kind
  }

  /// Which screen is up. (Named apart from `SluiceTerminal.Screen`, the surface drawn on.)
  public enum Page: Sendable {
    case list
    case form(FormState)
    case queue(QueueState)
  }

  public let context: Context
  public internal(set) var mappings: [EventSourceMapping] = []
  public internal(set) var loading = true
  public internal(set) var list = ListState()
  public internal(set) var page: Page = .list
  public internal(set) var dialog: Dialog?
  /// The `:` command line while it is open, and the commands run before (↑/↓ recall them).
  public internal(set) var command: CommandPrompt?
  var commandHistory: [String] = []
  /// The question for an MFA code, above everything else while it is open.
  public internal(set) var mfa: MFAQuestion?
  /// The help overlay's scroll offset while it is open.
  public internal(set) var help: Int?
  /// Edits waiting to be applied, one draft per mapping, in the order they were queued.
  public internal(set) var queue: [Draft] = []
  /// Why the last attempt to apply an edit failed, per mapping.
  public internal(set) var queueErrors: [String: String] = [:]
  /// Queued edits held back because AWS changed what they touch, per mapping.
  public internal(set) var conflicts: [String: Conflict] = [:]
  /// Mappings with a request in flight.
  public internal(set) var sending: Set<String> = []
  /// Rows marked for a bulk pause or resume.
  public internal(set) var marked: Set<String> = []
  /// The bulk pause or resume under way, if any.
  public internal(set) var bulk: BulkProgress?
  public internal(set) var message: Message?
  public internal(set) var rows = 24
  public internal(set) var columns = 80
  public internal(set) var spinnerFrame = 0
  public internal(set) var wantsToQuit = false
  /// A quiet reload is under way.
  public internal(set) var reloading = false
  /// The account STS named, for the status bar.
  public internal(set) var account: String?
  /// The role the credentials belong to, when they are a role's (an assumed role, SSO).
  public internal(set) var role: String?
  /// True once an earlier run's journal has been dealt with; from then on the runtime saves the
  /// queue after every change to it.
  public internal(set) var journalOpen = false
  /// The offer to restore an earlier queue, held while another question is open.
  var restoreOffer: Dialog?

  public init(context: Context) {
    self.context = context
  }

  /// The first effects to run: load every mapping.
  public static let startup: [Effect] = [.load, .identify]

  /// Rows left for a list once the bars are drawn.
  var listHeight: Int { max(1, rows - 4) }

  func mapping(_ uuid: String) -> EventSourceMapping? {
    mappings.first { $0.uuid == uuid }
  }

  func queued(_ uuid: String) -> Draft? {
    queue.first { $0.mapping.uuid == uuid }
  }

  /// The scope whose key bindings are live: the question, else the page and its mode.
  public var keyScope: KeyScope {
    if mfa != nil { return .code }
    if dialog != nil { return .dialog }
    if command != nil { return .command }
    switch page {
    case .list: return list.editingFilter ? .filter : .list
    case .form(let form): return form.editor != nil ? .field : form.jump != nil ? .jump : .form
    case .queue: return .queue
    }
  }

  /// Routes a key through the key table to the open question, the help overlay or the page.
  mutating func handleKey(_ key: Key) -> [Effect] {
    let action = KeyMap.action(for: key, in: keyScope)
    if var question = mfa {
      let answer = question.update(action, key: key)
      mfa = question
      guard let answer else { return [] }
      mfa = nil
      return [.answerMFA(code: answer)]
    }
    if dialog != nil {
      let effects = answerDialog(action)
      if dialog == nil, let offer = restoreOffer {
        dialog = offer
        restoreOffer = nil
      }
      return effects
    }
    if var prompt = command {
      let effects = commandKey(action, key, &prompt)
      if command != nil { command = prompt }
      return effects
    }
    if let offset = help {
      scrollHelp(from: offset, by: key)
      return []
    }
    message = nil
    switch page {
    case .list: return listKey(action, key)
    case .form(var form):
      let effects = formKey(action, key, &form)
      if case .form = page { page = .form(form) }
      return effects
    case .queue(var queueState):
      let effects = queueKey(action, &queueState)
      if case .queue = page { page = .queue(queueState) }
      return effects
    }
  }

  /// ↓ and ↑ scroll the help overlay while it has more to show; any other key closes it.
  private mutating func scrollHelp(from offset: Int, by key: Key) {
    let furthest = HelpView.maximumOffset(on: page, rows: rows, columns: columns)
    let page = HelpView.visibleRows(screenRows: rows)
    let step: Int? =
      switch key {
      case .down, .character("j"): 1
      case .pageDown: page
      case .up, .character("k"): -1
      case .pageUp: -page
      default: nil
      }
    // A step that has nowhere to go closes the overlay, as any other key does.
    guard let step, (step > 0 && offset < furthest) || (step < 0 && offset > 0) else {
      help = nil
      return
    }
    help = min(furthest, max(0, offset + step))
  }

  mutating func replace(_ mapping: EventSourceMapping) {
    guard let index = mappings.firstIndex(where: { $0.uuid == mapping.uuid }) else { return }
    mappings[index] = mapping
    list.refilter(mappings, changed: index)
  }

  /// The role in an assumed-role ARN (`arn:aws:sts::1:assumed-role/ROLE/session`), else nil.
  static func roleName(_ arn: String) -> String? {
    guard let resource = arn.split(separator: ":", maxSplits: 5).last else { return nil }
    let parts = resource.split(separator: "/")
    return parts.count >= 2 && parts[0] == "assumed-role"
      ? DisplayText.sanitized(String(parts[1])) : nil
  }

  /// Stops without asking: a signal, or `q` on a screen too small to show a dialog.
  mutating func quitNow() { wantsToQuit = true }

  /// Asks for confirmation, unless read-only mode forbids the change outright.
  mutating func confirm(_ dialog: Dialog) {
    if context.readOnly && dialog.action.isChange {
      message = Message(text: "READ-ONLY: changes are turned off for this session.", kind: .error)
      return
    }
    self.dialog = dialog
  }
}
