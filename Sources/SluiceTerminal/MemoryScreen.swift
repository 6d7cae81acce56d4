import SluiceModel

/// A screen that keeps its cells in memory, for tests and benchmarks.
///
/// It applies the same cutting and sanitising rules as the real terminal, so what a test reads
/// from `lines` is what an operator would see.
public final class MemoryScreen: Screen {
  public private(set) var rows: Int
  public private(set) var columns: Int
  private var cells: [[Character]]
  private var styles: [[Style]]
  /// How many times `present` was called.
  public private(set) var presentCount = 0

  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
    cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    styles = Array(repeating: Array(repeating: .plain, count: columns), count: rows)
  }

  public func put(_ text: String, row: Int, column: Int, style: Style) {
    guard (0..<rows).contains(row), column < columns else { return }
    var position = column
    for character in DisplayText.sanitized(text) {
      let width = DisplayText.width(of: character)
      guard position + width <= columns else { break }
      if position >= 0 {
        cells[row][position] = character
        styles[row][position] = style
        if width == 2 { cells[row][position + 1] = "\u{0}" }
      }
      position += width
    }
  }

  public func clear() {
    for row in 0..<rows {
      cells[row] = Array(repeating: " ", count: columns)
      styles[row] = Array(repeating: .plain, count: columns)
    }
  }

  public func present() { presentCount += 1 }

  /// Changes the size, as a terminal resize does; the contents are blanked.
  public func resize(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
    cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    styles = Array(repeating: Array(repeating: .plain, count: columns), count: rows)
  }

  /// The visible text of each row, trailing blanks trimmed.
  public var lines: [String] {
    cells.map { row in
      var line = String(row.filter { $0 != "\u{0}" })
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  /// The style of one cell.
  public func style(row: Int, column: Int) -> Style { styles[row][column] }
}
