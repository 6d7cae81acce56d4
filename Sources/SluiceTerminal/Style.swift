/// How a piece of text should look, by meaning rather than by colour number.
///
/// Screens ask for "an error" or "a disabled mapping"; the terminal decides whether that is red,
/// bold, or a plain prefix, depending on the colours the terminal has and on `NO_COLOR`.
public struct Style: Sendable, Hashable {
  /// What the text means, which decides its colour when colours are on.
  public enum Role: Sendable, Hashable, CaseIterable {
    case plain, enabled, disabled, transitional, problem, error, warning, queued, added, removed,
      accent
  }

  public var role: Role
  public var bold: Bool
  public var reverse: Bool
  public var underline: Bool
  public var dim: Bool

  public init(
    _ role: Role = .plain, bold: Bool = false, reverse: Bool = false, underline: Bool = false,
    dim: Bool = false
  ) {
    self.role = role
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  public static let plain = Style()
}
