import CNcursesw
import SluiceModel

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
    nonl()
    keypad(sluice_stdscr(), true)
    curs_set(0)
    palette = Palette(noColor: noColor)
    unicode = String(cString: sluice_codeset()) == "UTF-8"
    sluice_install_signal_handlers()
  }

  /// Whether the locale can show Unicode glyphs; ASCII fallbacks are used otherwise.
  public let unicode: Bool

  /// What the terminal sent: a key, a change of size, or a signal asking us to stop.
  public enum Input: Sendable, Equatable {
    case key(Key)
    case resize
    case signal(Int32)
  }

  /// Waits up to `milliseconds` for input; nil when nothing came.
  public func read(waitingAtMost milliseconds: Int32) -> Input? {
    let pending = sluice_take_signal()
    if pending != 0 { return .signal(pending) }
    wtimeout(sluice_stdscr(), milliseconds)
    var character: wint_t = 0
    let status = wget_wch(sluice_stdscr(), &character)
    let late = sluice_take_signal()
    if late != 0 { return .signal(late) }
    switch status {
    case OK: return Self.key(forCharacter: UInt32(character)).map(Input.key)
    case KEY_CODE_YES:
      if Int32(character) == sluice_key_resize() { return .resize }
      return Self.key(forCode: Int32(character)).map(Input.key)
    default: return nil
    }
  }

  static func key(forCharacter value: UInt32) -> Key? {
    switch value {
    case 10, 13: return .enter
    case 27: return .escape
    case 9: return .tab
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
    default: return Unicode.Scalar(value).map { .character(Character($0)) }
    }
  }

  static func key(forCode code: Int32) -> Key? {
    switch code {
    case KEY_UP: .up
    case KEY_DOWN: .down
    case KEY_LEFT: .left
    case KEY_RIGHT: .right
    case KEY_PPAGE: .pageUp
    case KEY_NPAGE: .pageDown
    case KEY_HOME: .home
    case KEY_END: .end
    case KEY_ENTER: .enter
    case KEY_BACKSPACE: .backspace
    case KEY_DC: .delete
    case KEY_BTAB: .backTab
    default: nil
    }
  }

  public var rows: Int { Int(sluice_lines()) }
  public var columns: Int { Int(sluice_cols()) }

  public func put(_ text: String, row: Int, column: Int, style: Style) {
    guard row >= 0, row < rows, column >= 0, column < columns else { return }
    let attributes = palette.attributes(for: style)
    attr_set(attributes.attributes, attributes.pair, nil)
    // Cut by display width here: ncurses counts bytes, not columns, in its own limit.
    var room = columns - column
    var visible = ""
    for character in DisplayText.sanitized(text) {
      let width = DisplayText.width(of: character)
      guard width <= room else { break }
      visible.append(character)
      room -= width
    }
    // The last cell of the screen cannot be written without scrolling; stop one short there.
    if row == rows - 1, room == 0, !visible.isEmpty { visible.removeLast() }
    mvaddstr(Int32(row), Int32(column), visible)
    attr_set(0, 0, nil)
  }

  public func clear() { erase() }

  public func present() { refresh() }

  /// Gives the terminal to another program (an editor) for the length of `body`, then takes it
  /// back and redraws.
  public func suspended<T>(_ body: () -> T) -> T {
    def_prog_mode()
    endwin()
    let result = body()
    reset_prog_mode()
    refresh()
    return result
  }

  /// Takes the new size after a resize.
  public func refreshSize() {
    endwin()
    refresh()
  }

  /// Restores the terminal. Safe to call more than once.
  public func end() {
    guard !ended else { return }
    ended = true
    endwin()
    delscreen(screen)
  }

  deinit { end() }
}
