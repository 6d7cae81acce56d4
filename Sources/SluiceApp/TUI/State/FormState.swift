import SluiceModel
import SluiceTerminal

/// One mapping's form: its draft, the fields that apply to its kind, the focus, and the field
/// being edited, if any.
public struct FormState: Sendable {
  public internal(set) var draft: Draft
  public let fields: [FieldSpec]
  public internal(set) var focus = 0
  /// The text of the focused field while it is being edited.
  public internal(set) var editor: String?
  /// The text typed after `/`, while jumping to a field.
  public internal(set) var jump: String?

  init(draft: Draft) {
    self.draft = draft
    fields = FieldCatalogue.fields(for: draft.mapping.sourceKind)
  }

  public var focused: FieldSpec { fields[focus] }

  /// The focused field's value while editing: the draft with the editor's text applied, or why
  /// the text cannot be read as a value of that field.
  public var trial: (draft: Draft, problem: String?) {
    guard let editor else { return (draft, nil) }
    var trial = draft
    if editor.isEmpty {
      trial.set(focused.path, to: nil)
      return (trial, nil)
    }
    do {
      trial.set(focused.path, to: try Assignment.value(editor, for: focused))
      return (trial, nil)
    } catch {
      return (draft, error.reason)
    }
  }

  /// Findings for a field, from the validator, on the draft as it would be with the editor's text.
  public func findings(for spec: FieldSpec) -> [Finding] {
    let (draft, problem) = spec.path == focused.path ? trial : (self.draft, nil)
    if let problem { return [Finding(.error, spec.path.description, rule: "type", problem)] }
    return Validator.findings(for: spec.path, in: draft)
  }

  /// How a field's value reads in the form, or nil when it is not set.
  public func text(for spec: FieldSpec) -> String? {
    guard let value = draft.value(at: spec.path) else { return nil }
    return FormState.text(of: value, for: spec)
  }

  static func text(of value: JSONValue, for spec: FieldSpec) -> String {
    switch (spec.type, value) {
    case (_, .string(let text)): return text
    case (.choiceList, .array(let items)) where items.allSatisfy({ $0.stringValue != nil }):
      return items.compactMap(\.stringValue).joined(separator: ",")
    case (.filterPatterns, .array(let items)) where items.count == 1:
      return items[0].stringValue ?? items[0].compactText
    default: return value.compactText
    }
  }

  /// What the form made of a key it handled itself: nothing to say, or a line for the operator.
  enum Reply: Equatable {
    case quiet
    case said(String, isError: Bool)
  }

  /// Takes the actions the form handles itself (moving, editing a field in place, jumping);
  /// nil for the rest.
  mutating func update(_ action: KeyAction?, key: Key, height: Int) -> Reply? {
    if editor != nil { return typeValue(action, key: key) }
    if jump != nil { return typeJump(action, key: key) }
    switch action {
    case .up: moveFocus(by: -1)
    case .down: moveFocus(by: 1)
    case .pageUp: moveFocus(by: -height)
    case .pageDown: moveFocus(by: height)
    case .first: moveFocus(by: -fields.count)
    case .last: moveFocus(by: fields.count)
    case .jump: jump = ""
    case .edit: startEditing(cycling: false)
    case .cycle: startEditing(cycling: true)
    default: return nil
    }
    return .quiet
  }

  private mutating func moveFocus(by delta: Int) {
    focus = min(max(0, focus + delta), fields.count - 1)
  }

  /// Booleans and single choices cycle in place; everything else opens the line editor with the
  /// current value filled in.
  private mutating func startEditing(cycling: Bool) {
    let spec = focused
    let current = draft.value(at: spec.path)
    switch spec.type {
    case .boolean:
      draft.set(
        spec.path, to: .bool(!(current?.boolValue ?? spec.defaultValue?.boolValue ?? false)))
    case .choice(let values):
      let index = current?.stringValue.flatMap(values.firstIndex) ?? -1
      draft.set(spec.path, to: index + 1 < values.count ? .string(values[index + 1]) : nil)
    case .choiceList(let values, 1):
      draft.set(
        spec.path, to: current?.arrayValue?.isEmpty == false ? nil : .array([.string(values[0])]))
    default:
      guard !cycling else { return }
      editor = text(for: spec) ?? ""
    }
  }

  private mutating func typeValue(_ action: KeyAction?, key: Key) -> Reply {
    switch action {
    case .cancel: editor = nil
    case .accept:
      let (trial, problem) = self.trial
      if let problem { return .said("\(focused.path): \(problem)", isError: true) }
      draft = trial
      editor = nil
    case .deleteText: editor = editor.map { String($0.dropLast()) }
    case .clearText: editor = ""
    default: if let character = key.text { editor?.append(character) }
    }
    return .quiet
  }

  private mutating func typeJump(_ action: KeyAction?, key: Key) -> Reply {
    switch action {
    case .cancel: jump = nil
    case .accept:
      let needle = (jump ?? "").lowercased()
      jump = nil
      guard
        let index = fields.firstIndex(where: {
          $0.path.description.lowercased().contains(needle)
            || $0.label.lowercased().contains(needle)
        })
      else { return .said("No field matches \"\(needle)\".", isError: true) }
      moveFocus(by: index - focus)
    case .deleteText: jump = jump.map { String($0.dropLast()) }
    default: if let character = key.text { jump?.append(character) }
    }
    return .quiet
  }
}
