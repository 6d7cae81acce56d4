/// Checks event filter patterns the way Lambda reads them, and flags operators that Lambda is not
/// documented to accept.
///
/// Lambda answers any malformed pattern with "Invalid filter pattern definition." and nothing more.
/// These rules say which part is wrong and why.
enum FilterPatternRules {
  static let maximumLength = 4096

  /// Operators documented for Lambda or for EventBridge Pipes, which filter the same way.
  static let operators: Set<String> = [
    "prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "wildcard",
    "cidr",
  ]

  /// Operators only documented for EventBridge buses, or not confirmed for Lambda.
  static let unconfirmed: Set<String> = ["wildcard", "cidr", "$or"]

  static func check(_ value: JSONValue, path: FieldPath) -> [Finding] {
    guard let patterns = value.arrayValue else {
      return [FieldValueRules.typeError(path.description, "a list of patterns", value)]
    }
    var findings: [Finding] = []
    for (index, pattern) in patterns.enumerated() {
      let place = "FilterCriteria.Filters[\(index)].Pattern"
      guard let text = pattern.stringValue else {
        findings.append(FieldValueRules.typeError(place, "JSON text in a string", pattern))
        continue
      }
      findings += check(pattern: text, at: place)
    }
    return findings
  }

  /// The findings for one pattern string.
  static func check(pattern text: String, at place: String) -> [Finding] {
    if text.count > maximumLength {
      return [
        .error(
          place, rule: "pattern-length",
          "The pattern has \(text.count) characters; at most \(maximumLength) are allowed.")
      ]
    }
    guard let parsed = try? JSONValue(parsing: text) else {
      return [invalid(place, "it is not valid JSON")]
    }
    guard let object = parsed.objectValue else {
      return [invalid(place, "it must be a JSON object, like {\"body\": {\"kind\": [\"A\"]}}")]
    }
    var findings: [Finding] = []
    checkObject(object, field: "", place: place, into: &findings)
    return findings
  }

  private static func checkObject(
    _ object: [String: JSONValue], field: String, place: String, into findings: inout [Finding]
  ) {
    for key in object.keys.sorted() {
      let value = object[key]!
      let name = field.isEmpty ? key : field + "." + key
      if key == "$or" {
        findings.append(unconfirmedOperator("$or", place))
        guard let branches = value.arrayValue, branches.count >= 2,
          branches.allSatisfy({ $0.objectValue != nil })
        else {
          findings.append(invalid(place, "\"$or\" must be a list of at least two objects"))
          continue
        }
        for branch in branches {
          checkObject(branch.objectValue!, field: field, place: place, into: &findings)
        }
      } else if let nested = value.objectValue {
        checkObject(nested, field: name, place: place, into: &findings)
      } else if let conditions = value.arrayValue {
        if conditions.isEmpty {
          findings.append(invalid(place, "\"\(name)\" has an empty list; give at least one value"))
        }
        for condition in conditions {
          checkCondition(condition, field: name, place: place, into: &findings)
        }
      } else {
        findings.append(
          invalid(
            place,
            "\"\(name)\" must be a list of values, like [\(value.compactText)], not a bare value"))
      }
    }
  }

  private static func checkCondition(
    _ condition: JSONValue, field: String, place: String, into findings: inout [Finding]
  ) {
    guard case .object(let members) = condition else {
      if case .array = condition {
        findings.append(invalid(place, "\"\(field)\" holds a list inside a list"))
      }
      return
    }
    guard members.count == 1, let (name, operand) = members.first, operators.contains(name) else {
      let known = operators.sorted().joined(separator: ", ")
      findings.append(
        invalid(place, "a condition on \"\(field)\" must be one operator of: \(known)"))
      return
    }
    if unconfirmed.contains(name) { findings.append(unconfirmedOperator(name, place)) }
    if let problem = OperatorRules.problem(name, operand) {
      findings.append(invalid(place, "\"\(field)\": \(problem)"))
    }
    if name == "anything-but", operand.objectValue != nil {
      findings.append(
        .warning(
          place, rule: "bus-only-operator",
          "anything-but with prefix, suffix, equals-ignore-case or wildcard is documented for "
            + "EventBridge buses only; Lambda may refuse it."))
    }
  }

  static func invalid(_ place: String, _ reason: String) -> Finding {
    .error(
      place, rule: "filter-pattern",
      "Invalid filter pattern: \(reason). (Lambda answers \"Invalid filter pattern definition.\")")
  }

  static func unconfirmedOperator(_ name: String, _ place: String) -> Finding {
    .warning(
      place, rule: "unconfirmed-operator",
      "\"\(name)\" is an EventBridge operator that AWS does not document for Lambda filters; "
        + "Lambda may refuse the pattern.")
  }
}
