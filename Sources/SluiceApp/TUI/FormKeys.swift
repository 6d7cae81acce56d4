import SluiceModel
import SluiceTerminal

extension AppState {
  mutating func openForm(_ mapping: EventSourceMapping) {
    screen = .form(FormState(draft: queued(mapping.uuid) ?? Draft(mapping: mapping)))
  }

  /// Form rows available for fields, below the title and the facts.
  var formHeight: Int { max(3, rows - 9 - (columns < 100 ? 7 : 0)) }

  mutating func handleFormKey(_ key: Key, _ form: inout FormState) -> [Effect] {
    if form.editor != nil { return handleEditorKey(key, &form) }
    if form.jump != nil {
      handleJumpKey(key, &form)
      return []
    }
    switch key {
    case .up, .character("k"), .backTab: moveFocus(&form, by: -1)
    case .down, .character("j"), .tab: moveFocus(&form, by: 1)
    case .pageUp: moveFocus(&form, by: -formHeight)
    case .pageDown: moveFocus(&form, by: formHeight)
    case .home, .character("g"): moveFocus(&form, by: -form.fields.count)
    case .end, .character("G"): moveFocus(&form, by: form.fields.count)
    case .character("/"): form.jump = ""
    case .enter, .character(" "): startEditing(&form, cycling: key == .character(" "))
    case .character("e"):
      guard let text = ExternalText.text(for: form.focused, in: form.draft) else {
        message = Message(
          text: "e edits JSON and text fields; this one is edited in place.", kind: .info)
        return []
      }
      return [.openEditor(text: text)]
    case .character("w"): queueForm(form)
    case .character("x"):
      form.draft = queued(form.draft.mapping.uuid) ?? Draft(mapping: form.draft.mapping)
      message = Message(text: "Discarded the changes made since the last queueing.", kind: .info)
    case .character("p"):
      if let mapping = mapping(form.draft.mapping.uuid) { askToToggle(mapping) }
    case .character("Q"): screen = .queue(QueueState())
    case .character("?"): showingHelp = true
    case .escape, .character("q"): leaveForm(form)
    default: break
    }
    return []
  }

  private mutating func moveFocus(_ form: inout FormState, by delta: Int) {
    form.focus = min(max(0, form.focus + delta), form.fields.count - 1)
  }

  /// Booleans and single choices cycle in place; everything else opens the line editor with the
  /// current value filled in.
  private mutating func startEditing(_ form: inout FormState, cycling: Bool) {
    let spec = form.focused
    let current = form.draft.value(at: spec.path)
    switch spec.type {
    case .boolean:
      form.draft.set(spec.path, to: .bool(!(current?.boolValue ?? defaultFlag(spec))))
    case .choice(let values):
      let index = current?.stringValue.flatMap(values.firstIndex) ?? -1
      form.draft.set(spec.path, to: index + 1 < values.count ? .string(values[index + 1]) : nil)
    case .choiceList(let values, 1):
      form.draft.set(
        spec.path, to: current?.arrayValue?.isEmpty == false ? nil : .array([.string(values[0])]))
    default:
      guard !cycling else { return }
      form.editor = form.text(for: spec) ?? ""
    }
  }

  private func defaultFlag(_ spec: FieldSpec) -> Bool { spec.path == "Enabled" }

  private mutating func handleEditorKey(_ key: Key, _ form: inout FormState) -> [Effect] {
    switch key {
    case .escape: form.editor = nil
    case .enter:
      let (trial, problem) = form.trial
      if let problem {
        message = Message(text: "\(form.focused.path): \(problem)", kind: .error)
      } else {
        form.draft = trial
        form.editor = nil
      }
    case .backspace: form.editor = form.editor.map { String($0.dropLast()) }
    case .control("u"): form.editor = ""
    default: if let character = key.text { form.editor?.append(character) }
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

  private mutating func handleJumpKey(_ key: Key, _ form: inout FormState) {
    switch key {
    case .escape: form.jump = nil
    case .enter:
      let needle = (form.jump ?? "").lowercased()
      form.jump = nil
      if let index = form.fields.firstIndex(where: {
        $0.path.description.lowercased().contains(needle) || $0.label.lowercased().contains(needle)
      }) {
        moveFocus(&form, by: index - form.focus)
      } else {
        message = Message(text: "No field matches \"\(needle)\".", kind: .error)
      }
    case .backspace: form.jump = form.jump.map { String($0.dropLast()) }
    default: if let character = key.text { form.jump?.append(character) }
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
    screen = .list
  }

  private mutating func leaveForm(_ form: FormState) {
    let queuedBody = queued(form.draft.mapping.uuid)?.updateBody ?? [:]
    guard form.draft.updateBody != queuedBody else {
      screen = .list
      return
    }
    confirm(
      Dialog(
        title: "Leave the form",
        lines: ["The changes in this form are not queued.", "Leave and lose them?"],
        confirmLabel: "Leave", action: .leaveForm))
  }
}
