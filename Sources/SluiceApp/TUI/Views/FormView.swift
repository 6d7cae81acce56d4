import Foundation
import SluiceModel
import SluiceTerminal

extension Renderer {
  /// One line of the field list: a group heading, the member nested fields sit under, or a
  /// field.
  enum FormLine: Equatable {
    case heading(FieldGroup)
    case member(String)
    case field(Int)
  }

  /// Fields in their groups; nested fields under their member's name, so every label stays
  /// short and distinct (`MinimumPollers` and `MaximumPollers` under `ProvisionedPollerConfig`).
  static func formLines(_ form: FormState) -> [FormLine] {
    var lines: [FormLine] = []
    var group: FieldGroup?
    var member: String?
    for (index, spec) in form.fields.enumerated() {
      if spec.group != group {
        lines.append(.heading(spec.group))
        group = spec.group
        member = nil
      }
      if spec.path.isNested, spec.path.member != member {
        lines.append(.member(spec.path.member))
      }
      member = spec.path.isNested ? spec.path.member : nil
      lines.append(.field(index))
    }
    return lines
  }

  func drawForm(_ state: AppState, _ form: FormState, on screen: Screen) {
    let mapping = state.mapping(form.draft.mapping.uuid) ?? form.draft.mapping
    drawFacts(mapping, state: state, on: screen)
    let helpBeside = screen.columns >= 100
    let fieldsWidth = helpBeside ? min(screen.columns - 44, 72) : screen.columns
    let top = 7
    let bottom = helpBeside ? screen.rows - 2 : screen.rows - 9
    drawFields(form, top: top, bottom: bottom, width: fieldsWidth, on: screen)
    if helpBeside {
      drawHelpPane(
        form, top: top, bottom: screen.rows - 2, left: fieldsWidth + 1, width: 43, on: screen)
    } else {
      drawHelpPane(
        form, top: bottom + 1, bottom: screen.rows - 2, left: 0, width: screen.columns, on: screen)
    }
  }

  private func drawFacts(_ mapping: EventSourceMapping, state: AppState, on screen: Screen) {
    let title =
      " sluice \(glyphs.arrow) \(MappingSummary.functionName(mapping)) \(glyphs.arrow) "
      + "\(MappingSummary.kindName(mapping)) \(MappingSummary.sourceName(mapping))"
    screen.put(
      TextLayout.fit(title, screen.columns - 16, ellipsis: glyphs.ellipsis), row: 1, column: 0,
      style: Style(bold: true))
    let (glyph, role) = marker(mapping, state: state)
    let stateText = "\(glyph) \(mapping.state ?? "?") "
    screen.put(
      stateText, row: 1, column: screen.columns - TextLayout.width(stateText),
      style: Style(role, bold: true))
    let modified = mapping.lastModified.map { Self.timestamp($0.date) } ?? "-"
    let facts = [
      "UUID      \(mapping.uuid)    Modified \(modified)",
      "Function  \(mapping.functionArn ?? "-")",
      "Source    \(mapping.eventSourceArn ?? MappingSummary.sourceName(mapping))",
      "Result    \(mapping.lastProcessingResult ?? "-")    Reason  \(mapping.stateTransitionReason ?? "-")",
    ]
    for (index, fact) in facts.enumerated() {
      let problem = index == 3 && mapping.lastProcessingResult?.hasPrefix("PROBLEM:") == true
      screen.put(
        TextLayout.fit(" " + fact, screen.columns, ellipsis: glyphs.ellipsis), row: 2 + index,
        column: 0,
        style: problem ? Style(.problem, bold: true) : Style(dim: true))
    }
    let changed = state.queued(mapping.uuid) != nil ? "  \(glyphs.queued) queued edits" : ""
    screen.put(
      " Fields for \(mapping.sourceKind?.displayName ?? "an unknown source")\(changed)", row: 6,
      column: 0, style: Style(.accent, bold: true))
  }

  private func drawFields(_ form: FormState, top: Int, bottom: Int, width: Int, on screen: Screen) {
    let lines = Self.formLines(form)
    let height = bottom - top + 1
    let focusLine =
      lines.firstIndex { if case .field(form.focus) = $0 { true } else { false } } ?? 0
    let start = focusLine < height ? 0 : focusLine - height + 1
    let labelWidth = min(34, width / 2)
    for (offset, line) in lines.dropFirst(start).prefix(height).enumerated() {
      let row = top + offset
      switch line {
      case .heading(let group):
        screen.put(
          TextLayout.fit(" \(group.rawValue)", width, ellipsis: ""), row: row, column: 0,
          style: Style(.accent, underline: true))
      case .member(let name):
        screen.put(
          TextLayout.fit("   \(name)", width, ellipsis: glyphs.ellipsis), row: row, column: 0,
          style: Style(dim: true))
      case .field(let index):
        drawField(form, index: index, row: row, labelWidth: labelWidth, width: width, on: screen)
      }
    }
  }

  private func drawField(
    _ form: FormState, index: Int, row: Int, labelWidth: Int, width: Int, on screen: Screen
  ) {
    let spec = form.fields[index]
    let focused = index == form.focus
    let findings = form.findings(for: spec)
    let changed = form.draft.value(at: spec.path) != spec.path.value(in: form.draft.before)
    var value: String
    if focused, let editor = form.editor {
      value = editor + glyphs.cursor
    } else {
      value = form.text(for: spec) ?? "-"
    }
    let pointer = focused ? glyphs.pointer : " "
    let name = spec.path.isNested ? "   " + spec.path.belowMember : spec.path.description
    let label = TextLayout.fit("\(pointer) \(name)", labelWidth, ellipsis: glyphs.ellipsis)
    let valueWidth = max(4, width - labelWidth - 4)
    let base = focused ? Style(reverse: form.editor == nil) : Style.plain
    screen.put(label, row: row, column: 1, style: base)
    let valueStyle =
      focused && form.editor != nil
      ? Style(.accent, bold: true, underline: true)
      : changed ? Style(.queued, bold: true, reverse: focused) : base
    screen.put(
      TextLayout.fit(" " + value, valueWidth, ellipsis: glyphs.ellipsis), row: row,
      column: 1 + labelWidth, style: valueStyle)
    if let worst = findings.first {
      let error = worst.severity == .error
      screen.put(
        error ? glyphs.error : glyphs.warning, row: row, column: width - 2,
        style: error ? Style(.error, bold: true) : Style(.warning, underline: true))
    }
  }

  private func drawHelpPane(
    _ form: FormState, top: Int, bottom: Int, left: Int, width: Int, on screen: Screen
  ) {
    guard bottom >= top else { return }
    let spec = form.focused
    let kind = form.draft.mapping.sourceKind
    var lines: [(String, Style)] = [
      (spec.path.description + ": " + spec.label, Style(.accent, bold: true))
    ]
    lines += TextLayout.wrap(spec.help(for: kind), width - 2).map { ($0, Style.plain) }
    for finding in form.findings(for: spec) {
      let error = finding.severity == .error
      let marker = error ? glyphs.error : glyphs.warning
      let style = error ? Style(.error, bold: true) : Style(.warning)
      lines += TextLayout.wrap("\(marker) \(finding.message)", width - 2).map { ($0, style) }
    }
    if let jump = form.jump {
      lines.insert(("/ \(jump)\(glyphs.cursor)", Style(.accent, bold: true)), at: 0)
    }
    for (index, (text, style)) in lines.prefix(bottom - top + 1).enumerated() {
      screen.put(glyphs.separator, row: top + index, column: left, style: Style(dim: true))
      screen.put(
        TextLayout.fit(" " + text, width - 1, ellipsis: glyphs.ellipsis), row: top + index,
        column: left + 1, style: style)
    }
  }

  /// `2026-11-28 08:12 UTC`.
  static func timestamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: date)
  }
}
