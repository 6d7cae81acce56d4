import Foundation
import SluiceModel
import SluiceTerminal

extension Renderer {
  /// Column widths for the list; FUNCTION and NAME take what the others leave.
  struct ListColumns {
    let function: Int
    let name: Int
    let modified: Int

    init(width: Int) {
      modified = width >= 120 ? 24 : 10
      let fixed = 1 + 3 + 1 + 1 + 10 + 1 + 6 + 1 + 7 + 1 + modified
      let rest = max(20, width - fixed)
      function = min(30, rest / 2)
      name = rest - function - 1
    }
  }

  func drawList(_ state: AppState, on screen: Screen) {
    let columns = ListColumns(width: screen.columns)
    let list = state.list
    var filterLine =
      list.editingFilter || !list.filter.isEmpty ? " / \(list.filter)" : " / to filter"
    if list.editingFilter { filterLine += glyphs.cursor }
    screen.put(
      filterLine, row: 1, column: 0,
      style: list.editingFilter ? Style(.accent, bold: true) : Style(dim: true))
    let count = "\(list.visible.count) of \(state.mappings.count) "
    screen.put(
      count, row: 1, column: screen.columns - TextLayout.width(count), style: Style(dim: true))
    let header =
      " ST " + TextLayout.fit("FUNCTION", columns.function, ellipsis: "") + " "
      + TextLayout.fit("SOURCE", 10, ellipsis: "") + " "
      + TextLayout.fit("NAME", columns.name, ellipsis: "")
      + "  BATCH  WINDOW " + TextLayout.fit("MODIFIED", columns.modified, ellipsis: "")
    screen.put(header, row: 2, column: 0, style: Style(bold: true))
    if state.mappings.isEmpty {
      let text =
        state.loading
        ? "Loading mappings \(spinner(state))"
        : "No event source mappings in this account and region."
      screen.put(" " + text, row: 3, column: 0, style: Style(dim: true))
      return
    }
    for line in 0..<state.listHeight {
      let position = list.offset + line
      guard list.visible.indices.contains(position) else { break }
      let mapping = state.mappings[list.visible[position]]
      drawRow(
        mapping, state: state, columns: columns, selected: position == list.selection,
        row: 3 + line, on: screen)
    }
  }

  private func drawRow(
    _ mapping: EventSourceMapping, state: AppState, columns: ListColumns, selected: Bool, row: Int,
    on screen: Screen
  ) {
    let (glyph, role) = marker(mapping, state: state)
    let queued = state.queued(mapping.uuid) != nil
    let window =
      mapping.maximumBatchingWindowInSeconds.map { "\($0)s" } ?? Self.defaultWindow(mapping)
    let text =
      "    "
      + TextLayout.fit(
        MappingSummary.functionName(mapping), columns.function, ellipsis: glyphs.ellipsis) + " "
      + TextLayout.fit(MappingSummary.kindName(mapping), 10, ellipsis: glyphs.ellipsis) + " "
      + TextLayout.elideMiddle(
        MappingSummary.sourceName(mapping), columns.name, ellipsis: glyphs.ellipsis) + " "
      + String(repeating: " ", count: max(0, 6 - String(mapping.batchSize ?? 0).count))
      + (mapping.batchSize.map(String.init) ?? " ") + " "
      + String(repeating: " ", count: max(0, 7 - TextLayout.width(window))) + window + " "
      + TextLayout.fit(modified(mapping, state: state), columns.modified, ellipsis: glyphs.ellipsis)
    let line = TextLayout.fit(text, screen.columns, ellipsis: "")
    screen.put(line, row: row, column: 0, style: .plain)
    if selected {
      // The bar covers the markers and the function name only: moving it rewrites those cells,
      // not two whole rows, which is what an operator on a slow SSH link pays per key.
      let bar = TextLayout.fit(line, min(screen.columns, 4 + columns.function), ellipsis: "")
      screen.put(bar, row: row, column: 0, style: Style(reverse: true))
    }
    screen.put(
      glyph, row: row, column: 1,
      style: Style(
        role, bold: role == .enabled, reverse: selected || role == .problem, dim: role == .disabled)
    )
    if state.marked.contains(mapping.uuid) {
      screen.put(
        glyphs.mark, row: row, column: 0, style: Style(.accent, bold: true, reverse: selected))
    }
    if queued {
      screen.put(
        glyphs.queued, row: row, column: 2, style: Style(.queued, bold: true, reverse: selected))
    }
  }

  /// The state marker and its meaning: problem, transitional, disabled or enabled.
  func marker(_ mapping: EventSourceMapping, state: AppState) -> (String, Style.Role) {
    let mappingState = MappingState(mapping.state)
    if mappingState.isTransitional || state.sending.contains(mapping.uuid) {
      return (spinner(state), .transitional)
    }
    if mapping.lastProcessingResult?.hasPrefix("PROBLEM:") == true {
      return (glyphs.problem, .problem)
    }
    return mapping.isEnabled ? (glyphs.enabled, .enabled) : (glyphs.disabled, .disabled)
  }

  private func modified(_ mapping: EventSourceMapping, state: AppState) -> String {
    let mappingState = MappingState(mapping.state)
    if mappingState.isTransitional { return (mapping.state ?? "") + glyphs.ellipsis }
    if let result = mapping.lastProcessingResult, result.hasPrefix("PROBLEM:") { return result }
    guard let date = mapping.lastModified?.date else { return "" }
    return Self.relative(date, now: now)
  }

  /// The window a mapping has when none is set: none for FIFO queues, 500 ms for Kafka, MQ and
  /// DocumentDB, 0 s for the rest.
  static func defaultWindow(_ mapping: EventSourceMapping) -> String {
    guard let kind = mapping.sourceKind else { return "" }
    if kind == .sqsFIFO { return "-" }
    return FieldCatalogue.halfSecondWindowKinds.contains(kind) ? "0.5s" : "0s"
  }

  /// "just now", "5m ago", "2h ago", "3d ago", "6w ago".
  static func relative(_ date: Date, now: Date) -> String {
    let seconds = max(0, Int(now.timeIntervalSince(date)))
    switch seconds {
    case ..<60: return "just now"
    case ..<3600: return "\(seconds / 60)m ago"
    case ..<86400: return "\(seconds / 3600)h ago"
    case ..<(86400 * 14): return "\(seconds / 86400)d ago"
    default: return "\(seconds / (86400 * 7))w ago"
    }
  }
}
