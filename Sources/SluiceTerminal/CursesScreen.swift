import CNcursesw

/// The real terminal, through ncursesw.
///
/// It owns curses from `init` to `end()`: locale, no echo, keypad, a short Escape delay and
/// default colours are set up once, and `end()` gives the terminal back as it found it.
public final class CursesScreen: Screen {
  private let palette: Palette
  private let screen: OpaquePointer
  private var ended = false

  /// Starts curses on the given streams (the controlling terminal by default).
  ///
  /// - Parameters:
  ///   - terminalType: the `TERM` to use; nil reads it from the environment.
  ///   - noColor: true when `NO_COLOR` is set, which forces monochrome.
  public init?(
    terminalType: String? = nil, output: UnsafeMutablePointer<FILE>? = nil,
    input: UnsafeMutablePointer<FILE>? = nil, noColor: Bool
  ) {
    setlocale(LC_ALL, "")
    set_escdelay(25)
    guard let screen = newterm(terminalType, output ?? sluice_stdout(), input ?? sluice_stdin())
    else { return nil }
    self.screen = screen
    set_term(screen)
    cbreak()
    noecho()
    keypad(sluice_stdscr(), true)
    curs_set(0)
    palette = Palette(noColor: noColor)
  }

  public var rows: Int { Int(sluice_lines()) }
  public var columns: Int { Int(sluice_cols()) }

  public func put(_ text: String, row: Int, column: Int, style: Style) {
    guard row >= 0, row < rows, column >= 0, column < columns else { return }
    let attributes = palette.attributes(for: style)
    attr_set(attributes.attributes, attributes.pair, nil)
    let room = Int32(columns - column)
    mvaddnstr(Int32(row), Int32(column), DisplayText.sanitized(text), room)
    attr_set(0, 0, nil)
  }

  public func clear() { erase() }

  public func present() { refresh() }

  /// Restores the terminal. Safe to call more than once.
  public func end() {
    guard !ended else { return }
    ended = true
    endwin()
    delscreen(screen)
  }

  deinit { end() }
}
