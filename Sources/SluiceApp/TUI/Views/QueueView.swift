import SluiceModel
import SluiceTerminal

extension Renderer {
  func drawQueue(_ state: AppState, _ queueState: QueueState, on screen: Screen) {
    let mappingCount = Set(state.queue.map(\.mapping.uuid)).count
    screen.put(
      " Queue \(glyphs.separator) \(state.queue.count) edit\(state.queue.count == 1 ? "" : "s") on \(mappingCount) mapping\(mappingCount == 1 ? "" : "s")",
      row: 1, column: 0, style: Style(.accent, bold: true))
    guard !state.queue.isEmpty else {
      screen.put(
        " Nothing queued. Open a mapping, change fields, and press w to queue them.", row: 3,
        column: 0, style: Style(dim: true))
      return
    }
    let listRows = min(state.queue.count, max(3, (screen.rows - 6) / 3))
    let start = max(0, queueState.selection - listRows + 1)
    for (offset, draft) in state.queue.dropFirst(start).prefix(listRows).enumerated() {
      let index = start + offset
      drawQueueRow(
        draft, state: state, selected: index == queueState.selection, row: 2 + offset, on: screen)
    }
    let separatorRow = 2 + listRows
    screen.put(
      String(repeating: glyphs.separator == "│" ? "─" : "-", count: screen.columns),
      row: separatorRow, column: 0, style: Style(dim: true))
    guard state.queue.indices.contains(queueState.selection) else { return }
    drawRequest(
      state.queue[queueState.selection], state: state, top: separatorRow + 1,
      bottom: screen.rows - 2, on: screen)
  }

  private func drawQueueRow(
    _ draft: Draft, state: AppState, selected: Bool, row: Int, on screen: Screen
  ) {
    let uuid = draft.mapping.uuid
    let summary = draft.diff.map { line -> String in
      switch line.change {
      case .changed(let old, let new):
        "\(line.path) \(old.compactText)\(glyphs.arrow)\(new.compactText)"
      case .added(let new): "\(line.path) \(glyphs.arrow)\(new.compactText)"
      case .removed: "\(line.path) cleared"
      }
    }.joined(separator: ", ")
    let status =
      state.sending.contains(uuid)
      ? "sending \(spinner(state)) "
      : state.queueErrors[uuid].map { "\(glyphs.error) \($0) " } ?? ""
    let text =
      " \(selected ? glyphs.pointer : " ") "
      + TextLayout.fit(MappingSummary.functionName(draft.mapping), 20, ellipsis: glyphs.ellipsis)
      + " "
      + TextLayout.fit(
        "\(MappingSummary.kindName(draft.mapping)) \(MappingSummary.sourceName(draft.mapping))", 20,
        ellipsis: glyphs.ellipsis)
      + " " + status + summary
    let style =
      state.queueErrors[uuid] != nil ? Style(.error, reverse: selected) : Style(reverse: selected)
    screen.put(
      TextLayout.fit(text, screen.columns, ellipsis: glyphs.ellipsis), row: row, column: 0,
      style: style)
  }

  /// The exact request: method and path, the coloured diff, and the body.
  private func drawRequest(
    _ draft: Draft, state: AppState, top: Int, bottom: Int, on screen: Screen
  ) {
    var lines: [(String, Style)] = []
    if let conflict = state.conflicts[draft.mapping.uuid] {
      lines.append(
        (
          "Changed on AWS since this edit was queued (R rebase keeps mine, d drop):",
          Style(.error, bold: true)
        ))
      for field in conflict.fields {
        let base = field.base?.compactText ?? "unset"
        let remote = field.remote?.compactText ?? "unset"
        lines.append(
          (
            "  \(field.member)  base \(base)  AWS now \(remote)  mine \(field.mine.compactText)",
            Style(.warning)
          ))
      }
    }
    lines.append(("PUT " + QueueState.requestPath(draft), Style(bold: true)))
    for line in draft.diff {
      switch line.change {
      case .changed(let old, let new):
        lines.append(("- \(line.path): \(old.compactText)", Style(.removed)))
        lines.append(("+ \(line.path): \(new.compactText)", Style(.added)))
      case .added(let new): lines.append(("+ \(line.path): \(new.compactText)", Style(.added)))
      case .removed(let old): lines.append(("- \(line.path): \(old.compactText)", Style(.removed)))
      }
    }
    for finding in Validator.validate(draft) where finding.severity == .warning {
      lines.append(("\(glyphs.warning) \(finding.message)", Style(.warning)))
    }
    lines += TextLayout.wrap(
      "body " + JSONValue.object(draft.updateBody).compactText, screen.columns - 2
    ).map { ($0, Style(dim: true)) }
    for (index, (text, style)) in lines.prefix(bottom - top + 1).enumerated() {
      screen.put(
        TextLayout.fit(" " + text, screen.columns, ellipsis: glyphs.ellipsis), row: top + index,
        column: 0, style: style)
    }
  }
}
