/// Writes JSON text with keys in sorted order.
///
/// Sorted keys make request bodies, diffs and `--json` output byte-for-byte repeatable, which the
/// tests, the signature (it covers the exact bytes sent) and the operator reading a diff all rely on.
extension JSONValue {
  /// Compact JSON text, as sent on the wire.
  public var compactText: String {
    var output = ""
    write(into: &output, indent: nil, level: 0)
    return output
  }

  /// Indented JSON text, for people.
  public var prettyText: String {
    var output = ""
    write(into: &output, indent: "  ", level: 0)
    return output
  }

  private func write(into output: inout String, indent: String?, level: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .integer(let value): output += String(value)
    case .number(let value): output += Self.text(of: value)
    case .string(let value): output += Self.quoted(value)
    case .array(let elements):
      writeContainer(
        elements.map { (nil, $0) }, open: "[", close: "]", into: &output, indent: indent,
        level: level)
    case .object(let members):
      let sorted = members.sorted { $0.key < $1.key }.map { (Optional($0.key), $0.value) }
      writeContainer(sorted, open: "{", close: "}", into: &output, indent: indent, level: level)
    }
  }

  private func writeContainer(
    _ items: [(String?, JSONValue)], open: String, close: String, into output: inout String,
    indent: String?, level: Int
  ) {
    output += open
    guard !items.isEmpty else {
      output += close
      return
    }
    for (index, (key, value)) in items.enumerated() {
      if index > 0 { output += "," }
      if let indent { output += "\n" + String(repeating: indent, count: level + 1) }
      if let key { output += Self.quoted(key) + (indent == nil ? ":" : ": ") }
      value.write(into: &output, indent: indent, level: level + 1)
    }
    if let indent { output += "\n" + String(repeating: indent, count: level) }
    output += close
  }

  /// A number as JSON text: whole values without a fraction, others in Swift's shortest form.
  static func text(of number: Double) -> String {
    guard number.isFinite else { return "null" }
    if number.rounded() == number && abs(number) < 1e15 { return String(Int(number)) }
    return String(number)
  }

  /// A string as a JSON string literal, escaping quotes, backslashes and control characters.
  public static func quoted(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}
