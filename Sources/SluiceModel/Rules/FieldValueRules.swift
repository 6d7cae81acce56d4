/// Per-field rules: does the field apply to this kind, and is its value of the right type and
/// within the limits the catalogue gives for this kind.
enum FieldValueRules {
  static func check(_ spec: FieldSpec, in context: ValidationContext) -> [Finding] {
    // A member set to null is reported once, by the request-shape rules.
    guard context.body[spec.path.member] != .null, let value = spec.path.value(in: context.body)
    else { return [] }
    let path = spec.path.description
    guard spec.applies(to: context.kind) else {
      let kinds = SourceKind.allCases.filter(spec.appliesTo.contains).map(\.shortName)
      return [
        .error(
          path, rule: "not-for-kind",
          "\(path) does not apply to \(context.kindName); it is for "
            + kinds.joined(separator: ", ") + " only.")
      ]
    }
    switch spec.type {
    case .boolean:
      return value.boolValue == nil ? [typeError(path, "true or false", value)] : []
    case .integer:
      return checkInteger(spec, value, kind: context.kind)
    case .text:
      guard let text = value.stringValue else { return [typeError(path, "text", value)] }
      return checkText(text, rule: spec.textRule, path: path)
    case .choice(let allowed):
      guard let text = value.stringValue, allowed.contains(text) else {
        return [choiceError(path, value, allowed)]
      }
      return []
    case .choiceList(let allowed, let maximum):
      return checkChoiceList(value, path: path, allowed: allowed, maximum: maximum)
    case .filterPatterns:
      return FilterPatternRules.check(value, path: spec.path)
    case .accessConfigurations:
      return AccessRules.check(value, kind: context.kind)
    case .json:
      return value.objectValue == nil ? [typeError(path, "a JSON object", value)] : []
    }
  }

  static func checkInteger(_ spec: FieldSpec, _ value: JSONValue, kind: SourceKind?) -> [Finding] {
    let path = spec.path.description
    guard let number = value.integerValue else { return [typeError(path, "a whole number", value)] }
    guard let limits = spec.integerLimits(for: kind), !limits.contains(number) else { return [] }
    let scope = kind.map { " for \($0.displayName)" } ?? ""
    return [
      .error(
        path, rule: "range",
        "\(path) \(number) is not allowed\(scope): use \(limits.description).")
    ]
  }

  /// Length and pattern checks shared by every text field.
  static func checkText(_ text: String, rule: TextRule?, path: String) -> [Finding] {
    guard let rule else { return [] }
    if !rule.length.contains(text.count) {
      return [
        .error(
          path, rule: "length",
          "\(path) is \(text.count) characters long; it must be \(rule.description).")
      ]
    }
    if let pattern = rule.pattern, !text.isEmpty, !WholeMatch.matches(text, pattern) {
      return [
        .error(
          path, rule: "pattern",
          "\(path) \(JSONValue.quoted(text)) is not valid: it must be \(rule.description).")
      ]
    }
    return []
  }

  static func checkChoiceList(_ value: JSONValue, path: String, allowed: [String], maximum: Int)
    -> [Finding]
  {
    guard let elements = value.arrayValue else { return [typeError(path, "a list", value)] }
    var findings: [Finding] = []
    if elements.count > maximum {
      findings.append(
        .error(
          path, rule: "count",
          "\(path) has \(elements.count) entries; at most \(maximum) are allowed."))
    }
    for element in elements where !(element.stringValue.map(allowed.contains) ?? false) {
      findings.append(choiceError(path, element, allowed))
    }
    if Set(elements).count < elements.count {
      findings.append(.error(path, rule: "duplicate", "\(path) lists the same value twice."))
    }
    return findings
  }

  static func typeError(_ path: String, _ expected: String, _ value: JSONValue) -> Finding {
    .error(path, rule: "type", "\(path) must be \(expected), not \(value.compactText).")
  }

  static func choiceError(_ path: String, _ value: JSONValue, _ allowed: [String]) -> Finding {
    .error(
      path, rule: "choice",
      "\(path) \(value.compactText) is not one of " + allowed.joined(separator: ", ") + ".")
  }
}

/// Whole-string regular-expression matching for the API model's patterns.
enum WholeMatch {
  static func matches(_ text: String, _ pattern: String) -> Bool {
    guard let regex = try? Regex(pattern) else { return false }
    return (try? regex.wholeMatch(in: text)) != nil
  }
}
