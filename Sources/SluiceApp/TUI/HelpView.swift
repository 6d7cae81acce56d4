import SluiceTerminal

extension Renderer {
  /// Every key, where it works and what it does: the `?` overlay.
  static let keys: [(String, String, String)] = [
    ("↑↓ jk PgUp PgDn gG", "lists, forms", "move"),
    ("/", "list", "filter as you type; ⏎ keeps, Esc clears"),
    ("/", "form", "jump to the first field named like the text"),
    ("⏎", "list", "open the mapping's form"),
    ("⏎  space", "form", "edit the field; cycle yes/no and choices"),
    ("⏎  Esc  Ctrl-U", "editing", "accept, cancel, clear the value"),
    ("p", "list, form", "pause or resume (all marked rows), after a y/n"),
    ("space  *", "list", "mark this row / every row the filter shows"),
    ("e", "form", "edit a JSON or text value in $EDITOR"),
    ("w  x", "form", "queue the form's changes / discard them"),
    ("Q", "anywhere", "the queue: diffs and exact requests"),
    ("⏎  A  d  R", "queue", "apply, apply all, drop, rebase a conflict"),
    ("u", "list", "queue the undo of the last change Sluice made to it"),
    ("r", "list", "load every mapping again"),
    ("?", "anywhere", "this help; any key closes it"),
    ("Esc", "anywhere", "back, or cancel"),
    ("q", "list", "quit (asks while edits are queued)"),
  ]

  func drawHelp(_ state: AppState, on screen: Screen) {
    let width = min(screen.columns - 2, 78)
    var lines: [(String, Style)] = Self.keys.map { keys, place, action in
      let keys = keys.replacingOccurrences(of: "⏎", with: glyphs.enter)
        .replacingOccurrences(of: "↑↓", with: glyphs.upDown)
      let text =
        TextLayout.fit(keys, 22, ellipsis: "") + TextLayout.fit(place, 14, ellipsis: "")
        + action
        .replacingOccurrences(of: "⏎", with: glyphs.enter)
      return (text, Style.plain)
    }
    lines.append(("", .plain))
    lines.append(("Nothing is sent without a y. Press any key to close.", Style(dim: true)))
    drawBox(title: "Keys", lines: lines, width: width, on: screen)
  }
}
