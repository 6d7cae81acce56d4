/// A key press, decoded from the terminal, in the terms the screens use.
public enum Key: Sendable, Hashable {
  case character(Character)
  case control(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, backspace, delete, tab, backTab

  /// Keys typed as text when a field or the filter is being edited.
  public var text: Character? {
    if case .character(let character) = self { return character }
    return nil
  }
}
