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
  public let upDown: String
  public let enter: String
  public let cursor: String
  public let mark: String

  public static let unicode = Glyphs(
    enabled: "●", disabled: "○", spinner: ["◐", "◓", "◑", "◒"], problem: "✖", error: "✖",
    warning: "▲", queued: "✎", separator: "│", ellipsis: "…", pointer: "▸", arrow: "→",
    upDown: "↑↓", enter: "⏎", cursor: "▌", mark: "✓")

  public static let ascii = Glyphs(
    enabled: "E", disabled: "-", spinner: ["~"], problem: "!", error: "!", warning: "^",
    queued: "*", separator: "|", ellipsis: "~", pointer: ">", arrow: "->",
    upDown: "Up/Dn", enter: "Enter", cursor: "_", mark: "+")
}
