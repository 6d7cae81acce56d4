import SluiceTerminal

/// The `:` command line, k9s-style: `:profile NAME`, `:region NAME`, `:q`. Tab completes the
/// command, then a profile or region name; ↑ and ↓ walk back through earlier commands.
public struct CommandPrompt: Sendable, Equatable {
  public internal(set) var text = ""
  /// Where ↑/↓ stand in the history; nil while editing a new line.
  var recalled: Int?

  static let commands = ["profile", "region", "q", "quit"]

  /// What a key made of the line: keep editing, run this text, or close.
  enum Outcome: Equatable {
    case editing
    case run(String)
    case closed
  }

  mutating func update(
    _ action: KeyAction?, key: Key, history: [String], profiles: [String], regions: [String]
  ) -> Outcome {
    switch action {
    case .accept: return .run(text.trimmingCharacters(in: .whitespaces))
    case .cancel: return .closed
    case .deleteText:
      if text.isEmpty { return .closed }
      text.removeLast()
    case .clearText: text = ""
    case .up, .down: recall(action == .up ? -1 : 1, history)
    case .complete: text = Self.complete(text, profiles: profiles, regions: regions)
    default: if let character = key.text { text.append(character) }
    }
    return .editing
  }

  private mutating func recall(_ step: Int, _ history: [String]) {
    guard !history.isEmpty else { return }
    let position = (recalled ?? history.count) + step
    guard position >= 0 else { return }
    if position >= history.count {
      recalled = nil
      text = ""
    } else {
      recalled = position
      text = history[position]
    }
  }

  /// The line with its last word completed as far as the candidates agree.
  static func complete(_ line: String, profiles: [String], regions: [String]) -> String {
    let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    let candidates: [String]
    switch (words.count, words.first) {
    case (1, _): candidates = commands
    case (2, "profile"?): candidates = profiles
    case (2, "region"?): candidates = regions
    default: return line
    }
    let last = words.last ?? ""
    let matching = candidates.filter { $0.hasPrefix(last) }
    guard let first = matching.first else { return line }
    var common = first
    for other in matching.dropFirst() {
      while !other.hasPrefix(common) { common.removeLast() }
    }
    let completed = matching.count == 1 ? common + (words.count == 1 ? " " : "") : common
    return (words.dropLast() + [completed]).joined(separator: " ")
  }
}
