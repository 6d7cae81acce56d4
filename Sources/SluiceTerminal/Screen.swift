/// A grid of character cells that screens draw into.
///
/// The app draws through this protocol only, so every screen can be rendered into memory by the
/// tests and onto ncurses by the real program with the same code.
public protocol Screen: AnyObject {
  /// Rows and columns available now.
  var rows: Int { get }
  var columns: Int { get }
  /// Writes text from a cell onwards; what does not fit on the row is cut. Control characters
  /// are shown as visible placeholders, never sent to the terminal.
  func put(_ text: String, row: Int, column: Int, style: Style)
  /// Blanks every cell.
  func clear()
  /// Makes what was drawn visible.
  func present()
}
