import Foundation
import SluiceApp
import SluiceModel
import SluiceTerminal

/// Keystroke costs in the TUI: the state machine plus a full redraw into memory, and the bytes
/// ncurses writes for one cursor move.
enum TerminalBench {
  static let context = AppState.Context(
    profile: "bench", region: "us-east-1", endpointHost: "lambda.us-east-1.amazonaws.com",
    readOnly: false, demo: false)

  static func loaded(_ mappings: [EventSourceMapping], rows: Int, columns: Int) -> AppState {
    var state = AppState(context: context)
    _ = state.handle(.resized(rows: rows, columns: columns))
    for start in stride(from: 0, to: mappings.count, by: 100) {
      _ = state.handle(.page(Array(mappings[start..<min(start + 100, mappings.count)])))
    }
    _ = state.handle(.loaded)
    return state
  }

  /// CPU seconds per key for `keys`, each handled and then drawn in full.
  static func perKey(_ keys: [Key], state: inout AppState, screen: MemoryScreen) -> Double {
    let renderer = Renderer(glyphs: .unicode, now: Date())
    let start = clock()
    for key in keys {
      _ = state.handle(.key(key))
      renderer.draw(state, on: screen)
    }
    return Double(clock() - start) / Double(CLOCKS_PER_SEC) / Double(keys.count)
  }

  static func run(_ mappings: [EventSourceMapping]) {
    let screen = MemoryScreen(rows: 40, columns: 120)
    var state = loaded(mappings, rows: 40, columns: 120)
    let renderer = Renderer(glyphs: .unicode, now: Date())
    let draws = 200
    let drawStart = clock()
    for _ in 0..<draws { renderer.draw(state, on: screen) }
    let draw = Double(clock() - drawStart) / Double(CLOCKS_PER_SEC) / Double(draws)
    print(
      String(
        format: "render-list-10000-mappings: %.3f ms CPU per full draw (120x40, in memory)",
        draw * 1e3))
    let filter = perKey(
      [.character("/")] + "fn-3".map { .character($0) } + [.backspace, .backspace], state: &state,
      screen: screen)
    print(
      String(
        format: "filter-keystroke-10000-mappings: %.2f ms CPU per key (state and full redraw)",
        filter * 1e3))
    _ = state.handle(.key(.escape))
    _ = state.handle(.key(.escape))
    _ = state.handle(.key(.enter))
    let form = perKey(
      Array(repeating: .down, count: 10) + Array(repeating: .up, count: 10), state: &state,
      screen: screen)
    print(
      String(
        format: "form-keystroke: %.3f ms CPU per key (state, live validation, full redraw)",
        form * 1e3))
    print(
      "cursor-move-bytes: \(bytesForOneCursorMove(mappings)) bytes written to the terminal (xterm-256color, 80x24)"
    )
  }

  /// Draws the list through real ncurses into a file, moves the cursor once, and counts the bytes
  /// that the second refresh wrote.
  static func bytesForOneCursorMove(_ mappings: [EventSourceMapping]) -> Int {
    let path = NSTemporaryDirectory() + "sluice-bench-\(getpid()).out"
    defer { unlink(path) }
    guard let output = fopen(path, "w"), let input = fopen("/dev/null", "r"),
      let screen = CursesScreen(
        terminalType: "xterm-256color", output: output, input: input, noColor: false)
    else { return -1 }
    var state = loaded(Array(mappings.prefix(200)), rows: screen.rows, columns: screen.columns)
    let renderer = Renderer(glyphs: .unicode, now: Date(timeIntervalSince1970: 1_764_316_800))
    renderer.draw(state, on: screen)
    fflush(output)
    let before = ftell(output)
    _ = state.handle(.key(.down))
    renderer.draw(state, on: screen)
    fflush(output)
    let after = ftell(output)
    screen.end()
    fclose(output)
    fclose(input)
    return after - before
  }
}
