import Foundation
import SluiceModel

/// A field's value as a file for `$EDITOR`, and back.
///
/// Filter patterns are written as the JSON they hold (one object, or a list of objects), not as
/// the escaped strings the API carries, so an operator edits a pattern as JSON.
enum ExternalText {
  /// The text to edit, or nil for fields edited in place (numbers, yes/no, choices).
  static func text(for spec: FieldSpec, in draft: Draft) -> String? {
    let value = draft.value(at: spec.path)
    switch spec.type {
    case .filterPatterns:
      let patterns = (value?.arrayValue ?? []).compactMap { $0.stringValue }
        .map { (try? JSONValue(parsing: $0)) ?? .string($0) }
      return patterns.count == 1 ? patterns[0].prettyText : JSONValue.array(patterns).prettyText
    case .json, .accessConfigurations:
      return (value ?? (spec.type == .json ? .object([:]) : .array([]))).prettyText
    case .text: return value?.stringValue ?? ""
    case .boolean, .integer, .choice, .choiceList: return nil
    }
  }

  /// The value the edited text stands for.
  static func value(_ text: String, for spec: FieldSpec) throws(Assignment.Unreadable) -> JSONValue?
  {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return nil }
    switch spec.type {
    case .filterPatterns:
      guard let parsed = try? JSONValue(parsing: trimmed) else {
        throw Assignment.Unreadable(reason: "the edited text is not JSON")
      }
      let patterns = parsed.arrayValue ?? [parsed]
      return .array(
        patterns.map { $0.stringValue.map(JSONValue.string) ?? .string($0.compactText) })
    case .text: return .string(trimmed)
    default: return try Assignment.value(trimmed, for: spec)
    }
  }
}
