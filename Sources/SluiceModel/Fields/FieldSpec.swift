/// What the catalogue knows about one updatable field.
///
/// The TUI form, the help overlay and the validator all read from these entries alone, so a field's
/// label, explanation, limits and applicability are written once.
public struct FieldSpec: Sendable, Identifiable {
  /// Where the field sits in the update request.
  public let path: FieldPath
  /// A short name for forms.
  public let label: String
  /// The form section it belongs to.
  public let group: FieldGroup
  /// What kind of value it holds.
  public let type: FieldType
  /// The source kinds the service accepts it for.
  public let appliesTo: Set<SourceKind>
  /// What the field does, in a sentence or two.
  public let summary: String
  /// Whole-number limits, by source kind where they differ.
  public let integerLimits: IntegerLimits?
  let integerLimitsByKind: [SourceKind: IntegerLimits]
  /// Length and character rules for text.
  public let textRule: TextRule?
  /// The default in words, per source kind; `defaultForOtherKinds` covers the rest.
  let defaults: [SourceKind: String]
  let defaultForOtherKinds: String
  /// The value AWS assumes while the field is unset, where the form needs it as a value (a yes/no
  /// field cycles from it).
  public let defaultValue: JSONValue?

  public var id: FieldPath { path }

  init(
    _ path: FieldPath, label: String, group: FieldGroup, type: FieldType,
    appliesTo: Set<SourceKind>, summary: String, integerLimits: IntegerLimits? = nil,
    integerLimitsByKind: [SourceKind: IntegerLimits] = [:], textRule: TextRule? = nil,
    defaults: [SourceKind: String] = [:], defaultValue: JSONValue? = nil,
    otherwise: String = "not set"
  ) {
    self.path = path
    self.defaultValue = defaultValue
    self.label = label
    self.group = group
    self.type = type
    self.appliesTo = appliesTo
    self.summary = summary
    self.integerLimits = integerLimits
    self.integerLimitsByKind = integerLimitsByKind
    self.textRule = textRule
    self.defaults = defaults
    self.defaultForOtherKinds = otherwise
  }

  /// Whether the field can be set on a mapping of this kind (unknown kinds allow everything).
  public func applies(to kind: SourceKind?) -> Bool {
    kind.map(appliesTo.contains) ?? true
  }

  /// The whole-number limits that hold for this kind.
  public func integerLimits(for kind: SourceKind?) -> IntegerLimits? {
    kind.flatMap { integerLimitsByKind[$0] } ?? integerLimits
  }

  /// The default value in words for this kind.
  public func defaultDescription(for kind: SourceKind?) -> String {
    kind.flatMap { defaults[$0] } ?? defaultForOtherKinds
  }

  /// The allowed values in words for this kind.
  public func limitsDescription(for kind: SourceKind?) -> String {
    switch type {
    case .boolean: return "true or false"
    case .integer: return integerLimits(for: kind)?.description ?? "a whole number"
    case .text: return textRule?.description ?? "text"
    case .choice(let values): return "one of " + values.joined(separator: ", ")
    case .choiceList(let values, let maximum):
      return "up to \(maximum) of " + values.joined(separator: ", ")
    case .filterPatterns:
      return
        "up to 5 patterns (10 with a quota increase), each a JSON object of at most 4096 characters"
    case .accessConfigurations: return "up to 22 entries of Type and URI"
    case .json: return "a JSON object"
    }
  }

  /// The help text for a mapping of this kind: what it does, its limits and its default.
  public func help(for kind: SourceKind?) -> String {
    var text = summary
    if let kind, !applies(to: kind) {
      text += "\nNot available for \(kind.displayName)."
      return text
    }
    let scope = kind.map { " for \($0.displayName)" } ?? ""
    text += "\nAllowed\(scope): \(limitsDescription(for: kind))."
    text += "\nDefault\(scope): \(defaultDescription(for: kind))."
    return text
  }
}

/// The sections of the mapping form, in the order they are shown.
public enum FieldGroup: String, CaseIterable, Sendable {
  case general = "Function and state"
  case batching = "Batching"
  case errorHandling = "Errors and retries"
  case filters = "Filters"
  case destinations = "Destinations"
  case scaling = "Scaling"
  case access = "Access"
  case sourceSpecific = "Source settings"
  case monitoring = "Metrics and logging"
}

/// The shape of a field's value, which decides how it is edited and checked.
public enum FieldType: Sendable, Equatable {
  case boolean
  case integer
  case text
  /// One value from a fixed set.
  case choice([String])
  /// A list drawn from a fixed set, with at most `maximum` entries.
  case choiceList([String], maximum: Int)
  /// A list of event filter patterns (JSON text).
  case filterPatterns
  /// A list of `{Type, URI}` access entries.
  case accessConfigurations
  /// A JSON object passed through as it is.
  case json
}

/// The whole numbers a field accepts: a union of ranges, such as -1 or 60–604800.
public struct IntegerLimits: Sendable, Equatable, CustomStringConvertible {
  public let ranges: [ClosedRange<Int>]

  public init(_ ranges: ClosedRange<Int>...) { self.ranges = ranges }

  public func contains(_ value: Int) -> Bool { ranges.contains { $0.contains(value) } }

  public var description: String {
    let parts = ranges.map { range in
      range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
    }
    return parts.joined(separator: " or ")
  }
}

/// Length and character rules for a text field, from the API model.
public struct TextRule: Sendable, Equatable, CustomStringConvertible {
  public let length: ClosedRange<Int>
  /// A regular expression the whole value must match.
  public let pattern: String?
  /// The pattern in words, for messages.
  public let patternDescription: String?

  public var description: String {
    var text = "\(length.lowerBound) to \(length.upperBound) characters"
    if let patternDescription { text += ", \(patternDescription)" }
    return text
  }
}
