import CNcursesw

/// Maps style roles to curses colour pairs and attributes.
///
/// With 8 or more colours each role gets a foreground colour on the terminal's own background;
/// without colours, or under `NO_COLOR`, roles fall back to bold, dim, reverse and underline so
/// the meaning survives on a monochrome terminal.
struct Palette {
  let usesColor: Bool

  init(noColor: Bool) {
    usesColor = !noColor && has_colors()
    guard usesColor else { return }
    start_color()
    use_default_colors()
    for (index, role) in Style.Role.allCases.enumerated() where role != .plain {
      init_pair(Int16(index), Self.color(for: role), -1)
    }
  }

  func attributes(for style: Style) -> (attributes: attr_t, pair: Int16) {
    var attributes: attr_t = 0
    if style.bold { attributes |= sluice_a_bold() }
    if style.dim { attributes |= sluice_a_dim() }
    if style.reverse { attributes |= sluice_a_reverse() }
    if style.underline { attributes |= sluice_a_underline() }
    guard usesColor else { return (attributes | Self.monochrome(style.role), 0) }
    let index = Style.Role.allCases.firstIndex(of: style.role) ?? 0
    return (attributes, Int16(index))
  }

  private static func color(for role: Style.Role) -> Int16 {
    switch role {
    case .enabled, .added: Int16(COLOR_GREEN)
    case .disabled, .warning: Int16(COLOR_YELLOW)
    case .transitional, .accent: Int16(COLOR_CYAN)
    case .problem, .error, .removed: Int16(COLOR_RED)
    case .queued: Int16(COLOR_MAGENTA)
    case .plain: -1
    }
  }

  private static func monochrome(_ role: Style.Role) -> attr_t {
    switch role {
    case .enabled, .error, .queued: sluice_a_bold()
    case .disabled: sluice_a_dim()
    case .problem: sluice_a_reverse()
    case .warning: sluice_a_underline()
    default: 0
    }
  }
}
