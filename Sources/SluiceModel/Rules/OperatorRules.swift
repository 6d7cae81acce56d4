/// The operand each filter operator takes, as EventBridge's matching engine defines it.
enum OperatorRules {
  /// What is wrong with an operator's operand, or nil when it is well formed.
  static func problem(_ name: String, _ operand: JSONValue) -> String? {
    switch name {
    case "prefix", "suffix":
      if operand.stringValue != nil { return nil }
      if let inner = operand.objectValue, inner.count == 1,
        inner["equals-ignore-case"]?.stringValue != nil
      {
        return nil
      }
      return "\(name) takes a string, or {\"equals-ignore-case\": string}"
    case "equals-ignore-case":
      return operand.stringValue == nil ? "equals-ignore-case takes a string" : nil
    case "anything-but": return anythingBut(operand)
    case "numeric": return numeric(operand)
    case "exists": return operand.boolValue == nil ? "exists takes true or false" : nil
    case "wildcard": return operand.stringValue.flatMap(wildcard) ?? wildcardType(operand)
    case "cidr":
      guard let block = operand.stringValue, isCIDR(block) else {
        return "cidr takes an address block such as \"10.0.0.0/24\""
      }
      return nil
    default: return "unknown operator \(name)"
    }
  }

  private static func wildcardType(_ operand: JSONValue) -> String? {
    operand.stringValue == nil ? "wildcard takes a string" : nil
  }

  private static func anythingBut(_ operand: JSONValue) -> String? {
    switch operand {
    case .string, .integer, .number: return nil
    case .array(let values):
      let allStrings = values.allSatisfy { $0.stringValue != nil }
      let allNumbers = values.allSatisfy { $0.integerValue != nil || isNumber($0) }
      guard !values.isEmpty, allStrings || allNumbers else {
        return "anything-but takes a non-empty list of all strings or all numbers"
      }
      return nil
    case .object(let inner):
      guard inner.count == 1, let (key, value) = inner.first,
        ["prefix", "suffix", "equals-ignore-case", "wildcard"].contains(key),
        value.stringValue != nil
          || (value.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false)
      else {
        return "anything-but takes one of prefix, suffix, equals-ignore-case or wildcard with text"
      }
      return nil
    default: return "anything-but takes a string, a number or a list of them"
    }
  }

  private static func numeric(_ operand: JSONValue) -> String? {
    let usage = "numeric takes [\"op\", number] or [\">\" or \">=\", low, \"<\" or \"<=\", high]"
    guard let items = operand.arrayValue, items.count == 2 || items.count == 4 else { return usage }
    let comparisons = ["=", "<", "<=", ">", ">="]
    var bounds: [Double] = []
    for pair in stride(from: 0, to: items.count, by: 2) {
      guard let op = items[pair].stringValue, comparisons.contains(op),
        let bound = number(items[pair + 1])
      else { return usage }
      bounds.append(bound)
    }
    if items.count == 4 {
      let lower = items[0].stringValue!
      let upper = items[2].stringValue!
      guard lower.hasPrefix(">"), upper.hasPrefix("<") else {
        return "a numeric range starts with > or >= and ends with < or <="
      }
      guard bounds[0] < bounds[1] else {
        return "a numeric range needs its low bound below its high"
      }
    }
    return nil
  }

  private static func wildcard(_ text: String) -> String? {
    if text.contains("**") { return "a wildcard may not contain two * in a row" }
    var escaped = false
    for character in text {
      if escaped {
        guard character == "*" || character == "\\" else {
          return "in a wildcard a backslash may only escape * or \\"
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      }
    }
    return escaped ? "a wildcard may not end with a lone backslash" : nil
  }

  private static func number(_ value: JSONValue) -> Double? {
    switch value {
    case .integer(let number): Double(number)
    case .number(let number): number
    default: nil
    }
  }

  private static func isNumber(_ value: JSONValue) -> Bool { number(value) != nil }

  /// True for an IPv4 or IPv6 address block with a prefix length.
  static func isCIDR(_ text: String) -> Bool {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let bits = Int(parts[1]) else { return false }
    let address = parts[0]
    if address.contains(":") {
      let groups = address.split(separator: ":", omittingEmptySubsequences: false)
      let hex = groups.allSatisfy { group in
        group.count <= 4 && group.allSatisfy(\.isHexDigit)
      }
      return (0...128).contains(bits) && hex && (3...8).contains(groups.count)
    }
    let octets = address.split(separator: ".", omittingEmptySubsequences: false)
    return (0...32).contains(bits) && octets.count == 4
      && octets.allSatisfy { octet in
        !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII)
          && Int(octet).map { (0...255).contains($0) } ?? false
      }
  }
}
