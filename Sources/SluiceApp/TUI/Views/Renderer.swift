import Foundation
import SluiceModel
import SluiceTerminal

/// Draws the state onto a screen. A pure function of the state, the time and the glyphs: the same
/// inputs always draw the same cells, which is what the rendering tests rely on.
public struct Renderer {
  public let glyphs: Glyphs
  public let now: Date

  public init(glyphs: Glyphs, now: Date) {
    self.glyphs = glyphs
    self.now = now
  }

  public static let minimumRows = 24
  public static let minimumColumns = 80

  public func draw(_ state: AppState, on screen: Screen) {
    screen.clear()
    guard screen.rows >= Self.minimumRows, screen.columns >= Self.minimumColumns else {
      drawTooSmall(on: screen)
      screen.present()
      return
    }
    drawStatusBar(state, on: screen)
    switch state.page {
    case .list: drawList(state, on: screen)
    case .form(let form): drawForm(state, form, on: screen)
    case .queue(let queue): drawQueue(state, queue, on: screen)
    }
    drawFooter(state, on: screen)
    if let offset = state.help { drawHelp(state, offset: offset, on: screen) }
    if let dialog = state.dialog { drawDialog(dialog, on: screen) }
    if let question = state.mfa { drawMFAQuestion(question, on: screen) }
    screen.present()
  }

  private func drawTooSmall(on screen: Screen) {
    let lines = [
      "Sluice needs at least \(Self.minimumColumns)x\(Self.minimumRows).",
      "This terminal is \(screen.columns)x\(screen.rows).", "Enlarge it, or press q to quit.",
    ]
    for (index, line) in lines.enumerated() where index < screen.rows {
      screen.put(
        line, row: index, column: 0, style: index == 0 ? Style(.error, bold: true) : .plain)
    }
  }

  private func drawStatusBar(_ state: AppState, on screen: Screen) {
    let context = state.context
    var parts = [
      "sluice", context.profile, context.region,
    ]
    if let account = state.account { parts.append(account) }
    if let role = state.role { parts.append(role) }
    parts += [
      state.loading
        ? "\(state.mappings.count) mappings \(spinner(state))" : "\(state.mappings.count) mappings",
      "\(state.queue.count) queued",
    ]
    if !state.marked.isEmpty { parts.append("\(state.marked.count) marked") }
    if context.demo { parts.append("DEMO") }
    if context.readOnly { parts.append("READ-ONLY") }
    // The endpoint goes last: it is the part that may be cut at 80 columns, never the badges.
    parts.append(context.endpointHost)
    let text = " " + parts.joined(separator: " \(glyphs.separator) ")
    screen.put(
      TextLayout.fit(text, screen.columns, ellipsis: glyphs.ellipsis), row: 0, column: 0,
      style: Style(reverse: true))
    if context.readOnly, let range = text.range(of: "READ-ONLY") {
      let column = TextLayout.width(String(text[..<range.lowerBound]))
      if column + 9 <= screen.columns {
        screen.put(
          "READ-ONLY", row: 0, column: column, style: Style(.warning, bold: true, reverse: true))
      }
    }
  }

  func spinner(_ state: AppState) -> String {
    glyphs.spinner[state.spinnerFrame % glyphs.spinner.count]
  }

  private func drawFooter(_ state: AppState, on screen: Screen) {
    let row = screen.rows - 1
    if let prompt = state.command {
      screen.put(
        TextLayout.fit(
          ":" + prompt.text + glyphs.cursor, screen.columns, ellipsis: glyphs.ellipsis),
        row: row, column: 0, style: Style(.accent, bold: true))
      return
    }
    if let message = state.message {
      let style = message.kind == .error ? Style(.error, bold: true) : Style(.accent)
      screen.put(
        TextLayout.fit(" " + message.text, screen.columns, ellipsis: glyphs.ellipsis), row: row,
        column: 0, style: style)
      return
    }
    screen.put(
      TextLayout.fit(" " + hints(state), screen.columns, ellipsis: glyphs.ellipsis), row: row,
      column: 0, style: Style(dim: true))
  }

  /// The hint bar: the live scope's bindings, from the key table.
  private func hints(_ state: AppState) -> String {
    glyphs.keys(KeyMap.hints(in: state.keyScope))
  }

  /// A box in the middle of the screen with a title, for dialogs and help.
  func drawBox(title: String, lines: [(String, Style)], width: Int, on screen: Screen) {
    let height = lines.count + 2
    let top = max(1, (screen.rows - height) / 2)
    let left = max(0, (screen.columns - width) / 2)
    let horizontal = glyphs.separator == "│" ? "─" : "-"
    let (topLeft, topRight, bottomLeft, bottomRight, side) =
      glyphs.separator == "│" ? ("┌", "┐", "└", "┘", "│") : ("+", "+", "+", "+", "|")
    let titled = topLeft + " " + title + " "
    screen.put(
      titled + String(repeating: horizontal, count: max(0, width - TextLayout.width(titled) - 1))
        + topRight,
      row: top, column: left, style: Style(.accent, bold: true))
    for (index, (text, style)) in lines.enumerated() {
      screen.put(side, row: top + 1 + index, column: left, style: Style(.accent))
      screen.put(
        TextLayout.fit(" " + text, width - 2, ellipsis: glyphs.ellipsis), row: top + 1 + index,
        column: left + 1, style: style)
      screen.put(side, row: top + 1 + index, column: left + width - 1, style: Style(.accent))
    }
    screen.put(
      bottomLeft + String(repeating: horizontal, count: width - 2) + bottomRight,
      row: top + height - 1,
      column: left, style: Style(.accent))
  }

  private func drawDialog(_ dialog: Dialog, on screen: Screen) {
    let width = min(screen.columns - 4, max(50, dialog.lines.map(TextLayout.width).max() ?? 0) + 4)
    var lines = dialog.lines.flatMap { TextLayout.wrap($0, width - 4) }.map { ($0, Style.plain) }
    lines.append(("", .plain))
    lines.append(("y  \(dialog.confirmLabel)        n  Cancel (default)", Style(bold: true)))
    drawBox(title: dialog.title, lines: lines, width: width, on: screen)
  }
}
