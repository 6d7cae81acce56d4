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

  public enum Screen: Sendable {
    case list
    case form(FormState)
    case queue(QueueState)
  }

  public let context: Context
  public internal(set) var mappings: [EventSourceMapping] = []
  public internal(set) var loading = true
  public internal(set) var list = ListState()
  public internal(set) var screen: Screen = .list
  public internal(set) var dialog: Dialog?
  public internal(set) var showingHelp = false
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

  /// Applies one event and returns the effects it calls for.
  public mutating func handle(_ event: AppEvent) -> [Effect] {
    switch event {
    case .key(let key): return handleKey(key)
    case .resized(let newRows, let newColumns):
      rows = newRows
      columns = newColumns
      list.keepSelectionVisible(height: listHeight)
      return []
    case .page(let page):
      mappings += page
      list.refilter(mappings)
      return []
    case .loaded:
      loading = false
      return []
    case .loadFailed(let text):
      loading = false
      message = Message(text: "Loading failed: \(text)", kind: .error)
      return []
    case .updated(let mapping):
      return receiveUpdate(mapping)
    case .updateFailed(let uuid, let text):
      sending.remove(uuid)
      if queued(uuid) != nil { queueErrors[uuid] = text }
      message = Message(text: "\(uuid): \(text)", kind: .error)
      countBulkAnswer(uuid: uuid, failure: text)
      return []
    case .refreshed(let mapping):
      replace(mapping)
      return []
    case .conflicted(let conflict):
      let uuid = conflict.remote.uuid
      sending.remove(uuid)
      conflicts[uuid] = conflict
      replace(conflict.remote)
      let members = conflict.fields.map(\.member).joined(separator: ", ")
      queueErrors[uuid] = "changed on AWS since queued: \(members)"
      message = Message(
        text: "Not sent: \(members) changed on AWS. R rebases the edit, d drops it.", kind: .error)
      return []
    case .reloaded(let all):
      reloading = false
      let selected = selectedMapping?.uuid
      mappings = all
      list.rebuild(
        mappings, selecting: selected.flatMap { uuid in all.firstIndex { $0.uuid == uuid } })
      return []
    case .settleTimedOut(let uuid, let stateName, let seconds):
      let name = mapping(uuid).map(MappingSummary.functionName) ?? uuid
      message = Message(
        text: "\(name) is still \(stateName) after \(seconds) s; r reloads the list.", kind: .error)
      return []
    case .refreshDue:
      guard !loading, !reloading else { return [] }
      reloading = true
      return [.reload]
    case .edited(let text):
      guard case .form(var form) = screen else { return [] }
      receiveExternalEdit(text, &form)
      screen = .form(form)
      return []
    case .tick:
      spinnerFrame += 1
      return []
    case .identified(let account):
      self.account = account
      return [.openJournal(account: account ?? "unknown")]
    case .journalFound(let drafts, let savedAt):
      offerRestore(drafts, savedAt: savedAt)
      return []
    case .alreadyApplied(let remote):
      let effects = receiveUpdate(remote)
      message = Message(
        text:
          "\(MappingSummary.functionName(remote)) already has these values on AWS: nothing was sent.",
        kind: .info)
      return effects
    case .undoReady(let draft, let madeAt, let changedSince):
      queueUndo(draft, madeAt: madeAt, changedSince: changedSince)
      return []
    case .notice(let text, let isError):
      message = Message(text: text, kind: isError ? .error : .info)
      return []
    }
  }

  private mutating func handleKey(_ key: Key) -> [Effect] {
    if dialog != nil {
      let effects = handleDialogKey(key)
      if dialog == nil, let offer = restoreOffer {
        dialog = offer
        restoreOffer = nil
      }
      return effects
    }
    if showingHelp {
      showingHelp = false
      return []
    }
    message = nil
    switch screen {
    case .list: return handleListKey(key)
    case .form(var form):
      let effects = handleFormKey(key, &form)
      if case .form = screen { screen = .form(form) }
      return effects
    case .queue(var queueState):
      let effects = handleQueueKey(key, &queueState)
      if case .queue = screen { screen = .queue(queueState) }
      return effects
    }
  }

  /// A successful update: the edit leaves the queue, the row shows the new state, and a
  /// transitional state is followed until it settles.
  private mutating func receiveUpdate(_ mapping: EventSourceMapping) -> [Effect] {
    sending.remove(mapping.uuid)
    queueErrors[mapping.uuid] = nil
    conflicts[mapping.uuid] = nil
    let wasQueued = queue.contains { $0.mapping.uuid == mapping.uuid }
    queue.removeAll { $0.mapping.uuid == mapping.uuid }
    replace(mapping)
    let name = MappingSummary.functionName(mapping)
    message = Message(
      text: wasQueued ? "Applied the edit to \(name)." : "\(name) is now \(mapping.state ?? "?").",
      kind: .info)
    countBulkAnswer(uuid: mapping.uuid, failure: nil)
    var effects: [Effect] =
      MappingState(mapping.state).isTransitional ? [.follow(uuid: mapping.uuid)] : []
    // Once the last queued edit has been answered, the whole list is read again.
    if wasQueued, !queue.contains(where: { sending.contains($0.mapping.uuid) }), !reloading,
      !loading
    {
      reloading = true
      effects.append(.reload)
    }
    return effects
  }

  mutating func replace(_ mapping: EventSourceMapping) {
    guard let index = mappings.firstIndex(where: { $0.uuid == mapping.uuid }) else { return }
    mappings[index] = mapping
    list.refilter(mappings, changed: index)
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
