import SluiceModel
import SluiceTerminal

/// The mapping list: which rows the filter lets through, which is selected, and the scroll.
///
/// Each mapping's searchable text is computed once, when it arrives or changes, so filtering as
/// the operator types is a plain substring scan.
public struct ListState: Sendable {
  public internal(set) var filter = ""
  public internal(set) var editingFilter = false
  /// Indices into the app's mappings, in order, of the rows the filter lets through.
  public internal(set) var visible: [Int] = []
  /// Index into `visible`.
  public internal(set) var selection = 0
  /// The first visible row on screen.
  public internal(set) var offset = 0
  /// Rows on screen, as last told; rows arriving or leaving keep the selection within them.
  private var height = 20
  private var haystacks: [String] = []

  /// Recomputes the searchable text of mappings that are new or changed, then the visible rows,
  /// keeping the same mapping selected where it is still shown.
  mutating func refilter(_ mappings: [EventSourceMapping], changed: Int? = nil) {
    let selected = visible.indices.contains(selection) ? visible[selection] : nil
    if haystacks.count > mappings.count { haystacks.removeAll() }
    for index in haystacks.count..<mappings.count {
      haystacks.append(MappingFilter.haystack(mappings[index]))
    }
    if let changed, haystacks.indices.contains(changed) {
      haystacks[changed] = MappingFilter.haystack(mappings[changed])
    }
    applyFilter()
    selection =
      selected.flatMap { visible.firstIndex(of: $0) } ?? min(selection, max(0, visible.count - 1))
    keepSelectionVisible(height: height)
  }

  /// Starts over with a new set of mappings, selecting the row at `selecting` if it is shown.
  mutating func rebuild(_ mappings: [EventSourceMapping], selecting: Int?) {
    haystacks = mappings.map(MappingFilter.haystack)
    applyFilter()
    selection =
      selecting.flatMap { visible.firstIndex(of: $0) } ?? min(selection, max(0, visible.count - 1))
    keepSelectionVisible(height: height)
  }

  mutating func setFilter(_ text: String) {
    filter = text
    applyFilter()
    selection = 0
    offset = 0
  }

  mutating func setEditingFilter(_ editing: Bool) { editingFilter = editing }

  /// Takes the actions the list handles itself (moving, and typing a filter); false for the rest.
  mutating func update(_ action: KeyAction?, key: Key, height: Int) -> Bool {
    if editingFilter { return typeFilter(action, key: key, height: height) }
    switch action {
    case .up: move(by: -1, height: height)
    case .down: move(by: 1, height: height)
    case .pageUp: move(by: -height, height: height)
    case .pageDown: move(by: height, height: height)
    case .first: move(by: -visible.count, height: height)
    case .last: move(by: visible.count, height: height)
    case .startFilter: setEditingFilter(true)
    case .clearFilter: if !filter.isEmpty { setFilter("") }
    default: return false
    }
    return true
  }

  private mutating func typeFilter(_ action: KeyAction?, key: Key, height: Int) -> Bool {
    switch action {
    case .accept:
      setEditingFilter(false)
      // An arrow or page key also moves: the operator is done typing and goes on in the list.
      if key != .enter { _ = update(KeyMap.action(for: key, in: .list), key: key, height: height) }
    case .cancel:
      setEditingFilter(false)
      setFilter("")
    case .deleteText: if !filter.isEmpty { setFilter(String(filter.dropLast())) }
    case .clearText: setFilter("")
    default: if let character = key.text { setFilter(filter + String(character)) }
    }
    return true
  }

  private mutating func applyFilter() {
    let needle = filter.lowercased()
    visible =
      needle.isEmpty
      ? Array(haystacks.indices) : haystacks.indices.filter { haystacks[$0].contains(needle) }
  }

  /// Moves the selection, clamped to the rows shown, and scrolls to keep it on screen.
  mutating func move(by delta: Int, height: Int) {
    guard !visible.isEmpty else { return }
    selection = min(max(0, selection + delta), visible.count - 1)
    keepSelectionVisible(height: height)
  }

  mutating func keepSelectionVisible(height: Int) {
    self.height = height
    if selection < offset { offset = selection }
    if selection >= offset + height { offset = selection - height + 1 }
    offset = max(0, min(offset, max(0, visible.count - height)))
  }
}
