import SluiceModel

/// Fitting text into columns: widths that count wide characters twice, cutting with an ellipsis,
/// eliding in the middle, and wrapping at words.
enum TextLayout {
  static func width(_ text: String) -> Int {
    text.reduce(0) { $0 + DisplayText.width(of: $1) }
  }

  /// Exactly `columns` wide: padded with blanks, or cut with the ellipsis at the end.
  static func fit(_ text: String, _ columns: Int, ellipsis: String) -> String {
    guard columns > 0 else { return "" }
    let clean = DisplayText.sanitized(text)
    let used = width(clean)
    if used <= columns { return clean + String(repeating: " ", count: columns - used) }
    return prefix(clean, columns - width(ellipsis)) + ellipsis
  }

  /// At most `columns` wide, keeping both ends (`orders…fifo`) so similar names stay distinct.
  static func elideMiddle(_ text: String, _ columns: Int, ellipsis: String) -> String {
    let clean = DisplayText.sanitized(text)
    guard width(clean) > columns, columns > width(ellipsis) + 1 else {
      return fit(clean, columns, ellipsis: ellipsis)
    }
    let room = columns - width(ellipsis)
    let head = prefix(clean, (room + 1) / 2)
    let tail = String(String(String(clean.reversed()).prefix(room / 2)).reversed())
    return fit(head + ellipsis + tail, columns, ellipsis: ellipsis)
  }

  /// Lines of at most `columns`, broken at spaces where possible.
  static func wrap(_ text: String, _ columns: Int) -> [String] {
    var lines: [String] = []
    let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
    for paragraph in paragraphs.map({ DisplayText.sanitized(String($0)) }) {
      var line = ""
      for word in paragraph.split(separator: " ") {
        let candidate = line.isEmpty ? String(word) : line + " " + word
        if width(candidate) <= columns {
          line = candidate
        } else {
          if !line.isEmpty { lines.append(line) }
          var rest = String(word)
          while width(rest) > columns {
            lines.append(prefix(rest, columns))
            rest = String(rest.dropFirst(prefix(rest, columns).count))
          }
          line = rest
        }
      }
      lines.append(line)
    }
    return lines
  }

  private static func prefix(_ text: String, _ columns: Int) -> String {
    var result = ""
    var used = 0
    for character in text {
      let next = DisplayText.width(of: character)
      guard used + next <= columns else { break }
      result.append(character)
      used += next
    }
    return result
  }
}
