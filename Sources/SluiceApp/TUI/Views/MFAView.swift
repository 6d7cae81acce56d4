import SluiceModel
import SluiceTerminal

extension Renderer {
  /// The MFA question: the profile and the device, STS's refusal of the last code, the code
  /// typed so far as dots.
  func drawMFAQuestion(_ question: MFAQuestion, on screen: Screen) {
    let width = min(screen.columns - 4, 76)
    var lines: [(String, Style)] = TextLayout.wrap(
      "Profile \(question.profile) assumes its role with an MFA code from "
        + DisplayText.sanitized(question.serial) + ".", width - 4
    ).map { ($0, Style.plain) }
    if let refusal = question.refusal {
      lines += TextLayout.wrap(
        "STS refused the last code: " + DisplayText.singleLine(refusal), width - 4
      )
      .map { ($0, Style(.error, bold: true)) }
    }
    lines.append(("", .plain))
    let dots = String(repeating: glyphs.separator == "│" ? "•" : "*", count: question.code.count)
    lines.append(("Code: " + dots + glyphs.cursor, Style(.accent, bold: true)))
    lines.append(("", .plain))
    lines.append((glyphs.keys("⏎ send   Esc cancel (the request then fails)"), Style(dim: true)))
    drawBox(title: "MFA code", lines: lines, width: width, on: screen)
  }
}
