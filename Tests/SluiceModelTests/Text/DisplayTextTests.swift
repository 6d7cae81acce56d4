import SluiceModel
import Testing

struct DisplayTextTests {
  @Test func controlCharactersBecomeVisiblePlaceholders() {
    #expect(DisplayText.sanitized("a\u{1B}[2Jb") == "a^[[2Jb")
    #expect(DisplayText.sanitized("line\nnext\ttab\u{7F}") == "line^Jnext^Itab^?")
    #expect(DisplayText.sanitized("c1\u{9B}31m") == "c1?31m")
    #expect(DisplayText.sanitized("rtl\u{202E}txt") == "rtl?txt")
    #expect(DisplayText.sanitized("orders-worker ● ✎ 日本") == "orders-worker ● ✎ 日本")
  }

  @Test func widths() {
    #expect(DisplayText.width(of: "a") == 1)
    #expect(DisplayText.width(of: "日") == 2)
    #expect(DisplayText.width(of: "●") == 1)
  }
}
