import Foundation
import SluiceModel
import SluiceTerminal
import Testing

@testable import SluiceApp

struct HelpViewTests {
  /// At 80x24 the overlay wraps its text instead of cutting it, and ↓ scrolls to the last line.
  @Test func wrapsAt80ColumnsAndScrollsToTheEnd() {
    var state = AppStateTests.loaded()
    AppStateTests.type([.character("?")], into: &state)
    let all = HelpView.lines(on: .list, width: HelpView.textWidth(screenColumns: 80))
    #expect(all.allSatisfy { TextLayout.width($0.text) <= 74 })
    var seen: [String] = []
    for _ in 0..<all.count {
      seen += Self.insideOfTheBox(RendererTests.render(state).lines)
      AppStateTests.type([.down], into: &state)
    }
    #expect(state.help == nil, "↓ at the end closes the overlay")
    let shown = seen.joined(separator: "\n")
    #expect(!shown.contains("…"))
    for line in all where !line.text.isEmpty {
      #expect(shown.contains(line.text.trimmingCharacters(in: .whitespaces)), "\(line.text)")
    }
    #expect(shown.contains("jump to the first field") == false, "form keys are not list keys")
  }

  /// The rows framed by the box's sides, without the sides.
  static func insideOfTheBox(_ lines: [String]) -> [String] {
    let rows: [[Character]] = lines.map { Array($0) }
    let framed = rows.filter { row in row.count > 78 && row[1] == "│" }
    return framed.map { row in String(row[2..<78]) }
  }

  @Test func theFormHelpNamesTheFormsKeys() {
    let lines = HelpView.lines(on: .form(KeyMapTests.form), width: 74).map(\.text)
    #expect(lines.contains { $0.contains("jump to the first field whose name contains") })
    #expect(lines.contains("In a form") && lines.contains("While editing a field"))
  }

  @Test func asciiSpellsTheKeys() {
    #expect(
      Glyphs.ascii.keys("↑↓ move  ⏎ open  ␣ mark  ↑ k")
        == "Up/Dn move  Enter open  space mark  Up k")
    #expect(Glyphs.unicode.keys("↑↓ move") == "↑↓ move")
  }
}
