import SluiceModel

/// A question the operator must answer before something happens. The safe answer is the default:
/// only `y` confirms; `n`, Esc and Enter cancel.
public struct Dialog: Sendable, Equatable {
  public enum Action: Sendable, Equatable {
    case toggle(uuid: String, enable: Bool)
    case toggleMany(uuids: [String], enable: Bool)
    case apply(uuids: [String])
    case quit
    case leaveForm
    /// Put an earlier run's queued edits back; declining sets them aside.
    case restore([Draft])

    /// True for actions that send a change to AWS.
    var isChange: Bool {
      switch self {
      case .toggle, .toggleMany, .apply: true
      case .quit, .leaveForm, .restore: false
      }
    }
  }

  public let title: String
  public let lines: [String]
  public let confirmLabel: String
  public let action: Action
}

extension AppState {
  /// The answer to the open question: only `confirm` goes ahead; `decline` closes it.
  mutating func answerDialog(_ action: KeyAction?) -> [Effect] {
    guard let dialog, action == .confirm || action == .decline else { return [] }
    guard action == .confirm else {
      self.dialog = nil
      if case .restore(let drafts) = dialog.action { return answerRestore(drafts, restore: false) }
      return []
    }
    self.dialog = nil
    switch dialog.action {
    case .toggle(let uuid, let enable):
      sending.insert(uuid)
      message = Message(text: enable ? "Resuming…" : "Pausing…", kind: .info)
      return [.update(uuid: uuid, body: ["Enabled": .bool(enable)])]
    case .toggleMany(let uuids, let enable):
      return startBulk(uuids, enable: enable)
    case .apply(let uuids):
      let drafts = queue.filter {
        uuids.contains($0.mapping.uuid) && !sending.contains($0.mapping.uuid)
      }
      sending.formUnion(drafts.map(\.mapping.uuid))
      message = Message(
        text: "Applying \(drafts.count) edit\(drafts.count == 1 ? "" : "s")…", kind: .info)
      return drafts.map { .apply($0) }
    case .quit:
      wantsToQuit = true
      return []
    case .leaveForm:
      page = .list
      return []
    case .restore(let drafts):
      return answerRestore(drafts, restore: true)
    }
  }

  /// The pause or resume question for a mapping, naming the function, the source and the effect.
  mutating func askToToggle(_ mapping: EventSourceMapping) {
    guard !sending.contains(mapping.uuid) else {
      message = Message(text: "A request for this mapping is already under way.", kind: .info)
      return
    }
    let function = MappingSummary.functionName(mapping)
    let source = "\(MappingSummary.kindName(mapping)) \(MappingSummary.sourceName(mapping))"
    if mapping.isEnabled {
      confirm(
        Dialog(
          title: "Pause mapping",
          lines: [
            "Stop \(function) reading from \(source)?",
            "Records wait in the source. Resume continues from there.",
          ], confirmLabel: "Pause", action: .toggle(uuid: mapping.uuid, enable: false)))
    } else {
      confirm(
        Dialog(
          title: "Resume mapping",
          lines: [
            "Start \(function) reading from \(source) again?",
            "Delivery continues from where it stopped.",
          ], confirmLabel: "Resume", action: .toggle(uuid: mapping.uuid, enable: true)))
    }
  }
}
