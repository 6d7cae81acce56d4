import SluiceTerminal
import Testing

struct MemoryScreenTests {
  @Test func drawsCutsAndKeepsStyles() {
    let screen = MemoryScreen(rows: 3, columns: 10)
    screen.put("hello world!", row: 0, column: 2, style: Style(.error, bold: true))
    screen.put("x", row: 5, column: 0, style: .plain)  // off screen: ignored
    screen.put("日本語", row: 1, column: 5, style: .plain)  // two wide characters fit, the third not
    #expect(screen.lines == ["  hello wo", "     日本", ""])
    #expect(screen.style(row: 0, column: 2) == Style(.error, bold: true))
    #expect(screen.style(row: 0, column: 0) == .plain)
  }

  @Test func neverStoresControlCharacters() {
    let screen = MemoryScreen(rows: 1, columns: 20)
    screen.put("fn\u{1B}]0;pwned\u{7}", row: 0, column: 0, style: .plain)
    #expect(screen.lines == ["fn^[]0;pwned^G"])
  }

  @Test func clearAndResize() {
    let screen = MemoryScreen(rows: 2, columns: 4)
    screen.put("abcd", row: 0, column: 0, style: .plain)
    screen.clear()
    #expect(screen.lines == ["", ""])
    screen.resize(rows: 3, columns: 8)
    #expect(screen.rows == 3 && screen.columns == 8 && screen.lines.count == 3)
    screen.present()
    #expect(screen.presentCount == 1)
  }
}
