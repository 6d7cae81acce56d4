import SluiceModel

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
}
