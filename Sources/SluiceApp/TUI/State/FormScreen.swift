import SluiceModel
import SluiceTerminal

extension AppState {
  mutating func openForm(_ mapping: EventSourceMapping) {
    page = .form(FormState(draft: queued(mapping.uuid) ?? Draft(mapping: mapping)))
  }

  /// Form rows available for fields, below the title and the facts.
  var formHeight: Int { max(3, rows - 9 - (columns < 100 ? 7 : 0)) }

  /// A key on a form: the form moves, edits and jumps itself; the rest involves the queue or the
  /// mapping.
  mutating func formKey(_ action: KeyAction?, _ key: Key, _ form: inout FormState) -> [Effect] {
    if let reply = form.update(action, key: key, height: formHeight) {
      if case .said(let text, let isError) = reply {
        message = Message(text: text, kind: isError ? .error : .info)
      }
      return []
    }
    switch action {
    case .externalEditor:
      guard let text = ExternalText.text(for: form.focused, in: form.draft) else {
        message = Message(
          text: "e edits JSON and text fields; this one is edited in place.", kind: .info)
        return []
      }
      return [.openEditor(text: text)]
    case .queueForm: queueForm(form)
    case .discard:
      form.draft = queued(form.draft.mapping.uuid) ?? Draft(mapping: form.draft.mapping)
      message = Message(text: "Discarded the changes made since the last queueing.", kind: .info)
    case .toggle:
      if let mapping = mapping(form.draft.mapping.uuid) { askToToggle(mapping) }
    case .openQueue: page = .queue(QueueState())
    case .help: help = 0
    case .back: leaveForm(form)
    default: break
    }
    return []
  }

  /// Takes what `$EDITOR` left: a value for the focused field, or a message saying why not.
  mutating func receiveExternalEdit(_ text: String?, _ form: inout FormState) {
    guard let text else {
      message = Message(text: "The editor did not finish; nothing changed.", kind: .error)
      return
    }
    do {
      form.draft.set(form.focused.path, to: try ExternalText.value(text, for: form.focused))
      message = Message(text: "Took the edited \(form.focused.path).", kind: .info)
    } catch {
      message = Message(text: "\(form.focused.path): \(error.reason)", kind: .error)
    }
  }

  /// Puts the form's changes in the queue, unless an error stands or nothing changed.
  private mutating func queueForm(_ form: FormState) {
    if context.readOnly {
      message = Message(text: "READ-ONLY: changes are turned off for this session.", kind: .error)
      return
    }
    let findings = Validator.validate(form.draft)
    if let error = findings.first(where: { $0.severity == .error }) {
      message = Message(text: "Not queued: \(error.path): \(error.message)", kind: .error)
      return
    }
    guard !form.draft.updateBody.isEmpty else {
      queue.removeAll { $0.mapping.uuid == form.draft.mapping.uuid }
      message = Message(text: "Nothing to queue: the form matches the mapping.", kind: .info)
      return
    }
    if let index = queue.firstIndex(where: { $0.mapping.uuid == form.draft.mapping.uuid }) {
      queue[index] = form.draft
    } else {
      queue.append(form.draft)
    }
    queueErrors[form.draft.mapping.uuid] = nil
    let count = form.draft.updateBody.count
    message = Message(
      text:
        "Queued an edit of \(count) field\(count == 1 ? "" : "s") to \(MappingSummary.functionName(form.draft.mapping)). Q opens the queue.",
      kind: .info)
    page = .list
  }

  private mutating func leaveForm(_ form: FormState) {
    let queuedBody = queued(form.draft.mapping.uuid)?.updateBody ?? [:]
    guard form.draft.updateBody != queuedBody else {
      page = .list
      return
    }
    confirm(
      Dialog(
        title: "Leave the form",
        lines: ["The changes in this form are not queued.", "Leave and lose them?"],
        confirmLabel: "Leave", action: .leaveForm))
  }
}
