/// Reads JSON text straight into `JSONValue`s.
///
/// Foundation's decoder can only learn a value's type by trying each in turn, and every wrong try
/// builds an error: a List of 1000 mappings spent most of its time there. This parser looks at the
/// first byte instead. It follows RFC 8259 (no comments, no trailing commas, no bare control
/// characters in strings), nests at most `maximumDepth` deep, and reports where the text goes wrong.
struct JSONParser {
  /// A syntax error and the byte offset where it was found.
  struct Failure: Error, CustomStringConvertible {
    let offset: Int
    let reason: String
    var description: String { "\(reason) at byte \(offset)" }
  }

  static let maximumDepth = 512

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  private init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The single value the text holds, with nothing but whitespace around it.
  static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.value()
    parser.skipWhitespace()
    guard parser.index == bytes.count else {
      throw parser.failure("unexpected text after the value")
    }
    return value
  }

  private func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      index += 1
    }
  }

  private mutating func value() throws(Failure) -> JSONValue {
    guard let first = current else { throw failure("the text ends where a value should be") }
    switch first {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("a value cannot start here")
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure)
    -> JSONValue
  {
    let length = word.utf8CodeUnitCount
    guard index + length <= bytes.count else { throw failure("unknown word") }
    for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
      throw failure("unknown word")
    }
    index += length
    return value
  }

  private mutating func object() throws(Failure) -> JSONValue {
    var members: [String: JSONValue] = [:]
    if try opensEmpty(closer: UInt8(ascii: "}")) { return .object(members) }
    repeat {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw failure("expected a member name") }
      let name = try string()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
      index += 1
      skipWhitespace()
      members[name] = try value()
    } while try !closes(closer: UInt8(ascii: "}"))
    return .object(members)
  }

  private mutating func array() throws(Failure) -> JSONValue {
    var elements: [JSONValue] = []
    if try opensEmpty(closer: UInt8(ascii: "]")) { return .array(elements) }
    repeat {
      skipWhitespace()
      elements.append(try value())
    } while try !closes(closer: UInt8(ascii: "]"))
    return .array(elements)
  }

  /// Steps into a container; true when it is empty (its closer taken as well).
  private mutating func opensEmpty(closer: UInt8) throws(Failure) -> Bool {
    depth += 1
    guard depth <= Self.maximumDepth else { throw failure("nested too deeply") }
    index += 1
    skipWhitespace()
    guard current == closer else { return false }
    index += 1
    depth -= 1
    return true
  }

  /// After an element: false after a comma, true when the closer ends the container.
  private mutating func closes(closer: UInt8) throws(Failure) -> Bool {
    skipWhitespace()
    if current == UInt8(ascii: ",") {
      index += 1
      return false
    }
    guard current == closer else {
      throw failure("expected ',' or '\(Character(Unicode.Scalar(closer)))'")
    }
    index += 1
    depth -= 1
    return true
  }

  private mutating func string() throws(Failure) -> String {
    index += 1
    let start = index
    // The common case: no escapes, so the bytes are the string.
    while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
      guard byte >= 0x20 else { throw failure("a control character inside a string") }
      index += 1
    }
    guard let stop = current else { throw failure("the text ends inside a string") }
    if stop == UInt8(ascii: "\"") {
      index += 1
      return String(decoding: bytes[start..<index - 1], as: UTF8.self)
    }
    var text = Array(bytes[start..<index])
    while true {
      guard let byte = current else { throw failure("the text ends inside a string") }
      index += 1
      switch byte {
      case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"): try escape(into: &text)
      case ..<0x20: throw failure("a control character inside a string")
      default: text.append(byte)
      }
    }
  }

  private mutating func escape(into text: inout [UInt8]) throws(Failure) {
    guard let byte = current else { throw failure("the text ends inside a string") }
    index += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
    case UInt8(ascii: "b"): text.append(0x08)
    case UInt8(ascii: "f"): text.append(0x0C)
    case UInt8(ascii: "n"): text.append(0x0A)
    case UInt8(ascii: "r"): text.append(0x0D)
    case UInt8(ascii: "t"): text.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hex4()
      if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"),
        index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
      {
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else { throw failure("a broken surrogate pair") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      // A lone surrogate cannot be text; it becomes U+FFFD, as in a lenient decoder.
      text += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
    default: throw failure("an unknown escape")
    }
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw failure("a short \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw failure("a bad \\u escape")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`: a whole number when it has no fraction or
  /// exponent and fits an `Int`, else a `Double`.
  private mutating func number() throws(Failure) -> JSONValue {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, isDigit(first) else { throw failure("a number needs digits") }
    index += 1
    if first != UInt8(ascii: "0") { skipDigits() }
    var whole = true
    if current == UInt8(ascii: ".") {
      whole = false
      index += 1
      guard let digit = current, isDigit(digit) else { throw failure("a fraction needs digits") }
      skipDigits()
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      whole = false
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard let digit = current, isDigit(digit) else { throw failure("an exponent needs digits") }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if whole, let integer = Int(text) { return .integer(integer) }
    guard let double = Double(text), double.isFinite else { throw failure("a number out of range") }
    return .number(double)
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func skipDigits() {
    while let byte = current, isDigit(byte) { index += 1 }
  }
}
