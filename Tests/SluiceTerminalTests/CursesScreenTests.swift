import Foundation
import SluiceTerminal
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Drives real ncursesw onto a file instead of a terminal, as a plain vt100.
@Suite(.serialized)
struct CursesScreenTests {
  @Test func writesSanitisedTextThroughNcurses() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sluice-curses-\(getpid()).out"
    ).path
    defer { unlink(path) }
    let output = try #require(fopen(path, "w"))
    let input = try #require(fopen("/dev/null", "r"))
    let screen = try #require(
      CursesScreen(terminalType: "vt100", output: output, input: input, noColor: true))
    #expect(screen.rows == 24 && screen.columns == 80)
    screen.put("hello \u{1B}[31mworld", row: 2, column: 3, style: Style(.error))
    screen.present()
    screen.end()
    fclose(output)
    fclose(input)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.contains("hello ^[[31mworld"))
    #expect(!written.contains("\u{1B}[31mworld"))
  }
}
