/// The symbols the screens draw, in Unicode or in plain ASCII for terminals and locales without it.
public struct Glyphs: Sendable {
  public let enabled: String
  public let disabled: String
  public let spinner: [String]
  public let problem: String
  public let error: String
  public let warning: String
  public let queued: String
  public let separator: String
  public let ellipsis: String
  public let pointer: String
  public let arrow: String
  public let cursor: String
  public let mark: String
  /// Key symbols of the key table and their spelling here, replaced in this order.
  let keyNames: [(String, String)]

  public static let unicode = Glyphs(
    enabled: "●", disabled: "○", spinner: ["◐", "◓", "◑", "◒"], problem: "✖", error: "✖",
    warning: "▲", queued: "✎", separator: "│", ellipsis: "…", pointer: "▸", arrow: "→",
    cursor: "▌", mark: "✓", keyNames: [])

  public static let ascii = Glyphs(
    enabled: "E", disabled: "-", spinner: ["~"], problem: "!", error: "!", warning: "^",
    queued: "*", separator: "|", ellipsis: "~", pointer: ">", arrow: "->",
    cursor: "_", mark: "+",
    keyNames: [("↑↓", "Up/Dn"), ("↑", "Up"), ("↓", "Down"), ("⏎", "Enter"), ("␣", "space")])

  /// Text that names keys, with each key symbol spelt as this terminal can show it.
  func keys(_ text: String) -> String {
    keyNames.reduce(text) { text, name in text.replacingOccurrences(of: name.0, with: name.1) }
  }
}
