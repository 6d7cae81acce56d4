import SluiceTerminal

/// The `?` overlay: the keys of the screen the operator is on, read from the key table, each with
/// its help text wrapped to the width, scrolled with ↓ and ↑ when they do not fit.
enum HelpView {
  /// Columns the key labels take before the help text.
  static let labelWidth = 14

  /// The scopes whose keys the overlay shows on a page: the page's own, its text modes, and the
  /// questions it may ask.
  static func scopes(on page: AppState.Page) -> [KeyScope] {
    switch page {
    case .list: [.list, .filter, .command, .dialog, .code]
    case .form: [.form, .field, .jump, .dialog]
    case .queue: [.queue, .dialog]
    }
  }

  /// Every line of the overlay's text at a width, headings marked.
  static func lines(on page: AppState.Page, width: Int) -> [(text: String, heading: Bool)] {
    var lines: [(text: String, heading: Bool)] = []
    for scope in scopes(on: page) {
      if !lines.isEmpty { lines.append(("", false)) }
      lines.append((scope.title, true))
      if let typing = scope.typing, !typing.isEmpty {
        lines.append((TextLayout.fit("text", labelWidth, ellipsis: "") + typing, false))
      }
      for binding in KeyMap.bindings(in: scope) {
        let wrapped = TextLayout.wrap(binding.help, max(10, width - labelWidth))
        for (index, line) in wrapped.enumerated() {
          let label = index == 0 ? binding.label : ""
          lines.append((TextLayout.fit(label, labelWidth, ellipsis: "") + line, false))
        }
      }
    }
    return lines
  }

  /// Text rows the overlay has on a screen of this height.
  static func visibleRows(screenRows: Int) -> Int { max(3, screenRows - 8) }

  /// The overlay's text width on a screen of this width.
  static func textWidth(screenColumns: Int) -> Int { min(screenColumns - 2, 78) - 4 }

  /// The furthest the overlay scrolls on this page and screen.
  static func maximumOffset(on page: AppState.Page, rows: Int, columns: Int) -> Int {
    let count = lines(on: page, width: textWidth(screenColumns: columns)).count
    return max(0, count - visibleRows(screenRows: rows))
  }
}

extension Renderer {
  func drawHelp(_ state: AppState, offset: Int, on screen: Screen) {
    let all = HelpView.lines(
      on: state.page, width: HelpView.textWidth(screenColumns: screen.columns))
    let shown = HelpView.visibleRows(screenRows: screen.rows)
    var lines: [(String, Style)] = all.dropFirst(offset).prefix(shown).map { line in
      (glyphs.keys(line.text), line.heading ? Style(.accent, bold: true) : .plain)
    }
    lines.append(("", .plain))
    let more = offset + shown < all.count ? glyphs.keys("↑↓ scroll, any other key closes.") : ""
    lines.append(
      ("Nothing is sent without a y. \(more.isEmpty ? "Any key closes." : more)", Style(dim: true)))
    drawBox(
      title: "Keys", lines: lines, width: min(screen.columns - 2, 78), on: screen)
  }
}
