/// Makes untrusted text safe to show in a terminal.
///
/// Names, reasons and messages come from the network. An escape sequence in a function name could
/// move the cursor, retitle the window or worse, so every control character is replaced by a
/// visible placeholder before it reaches a screen.
public enum DisplayText {
  /// The text with C0/C1 controls, DEL and bidirectional overrides replaced: `^[` for ESC, `^J`
  /// for a newline and so on (caret notation), `?` for the others.
  public static func sanitized(_ text: String) -> String {
    var output = ""
    output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x00...0x1F: output += "^" + String(Unicode.Scalar(scalar.value + 0x40)!)
      case 0x7F: output += "^?"
      case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: output += "?"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// The text on one line: line breaks and tabs become spaces, then it is sanitised. For error
  /// messages, which may span lines on the wire but must not forge lines of output.
  public static func singleLine(_ text: String) -> String {
    sanitized(String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }))
  }

  /// Columns a character takes: 2 for wide East Asian and emoji ranges, 0 for combining marks.
  public static func width(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    switch scalar.value {
    case 0x0300...0x036F, 0x200B...0x200D: return 0
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
      return 2
    default: return 1
    }
  }
}
